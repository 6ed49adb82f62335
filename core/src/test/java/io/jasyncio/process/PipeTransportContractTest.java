package io.jasyncio.process;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import io.jasyncio.testing.TransportContract;

/**
 * The transport contract on a pipe pair through {@code cat}: the transport writing the child's
 * stdin (a) and the one reading its stdout (b). One way only, and to a {@link Protocol} only, as
 * asyncio's pipe transports.
 */
class PipeTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception {
        EventLoop loop = EventLoop.getRunningLoop();
        Process cat = new ProcessBuilder("cat").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        PipeWriteTransport in = new PipeWriteTransport(loop, cat.getOutputStream(), (Protocol) a, () -> { });
        PipeReadTransport out = new PipeReadTransport(loop, "stdout", cat.getInputStream(), (Protocol) b, () -> { });
        in.start();
        out.start();
        return () -> {
            cat.destroy(); // both ends are closed by now; a cat that has not seen EOF yet need not wait for it
            Asyncio.await(cat.onExit());
        };
    }

    @Override
    protected boolean twoWay() {
        return false;
    }

    @Override
    protected boolean acceptsBufferedProtocol() {
        return false;
    }
}
