package io.jasyncio.bench.echo;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.bench.LoopCheck;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The jasyncio protocol echo server of the echo workloads: a {@link Protocol} whose
 * {@code dataReceived} writes every chunk straight back, as bench/python/echo_server.py's
 * {@code --style protocol} does in asyncio and uvloop.
 */
public final class JasyncioProtocolEchoServer {
    private JasyncioProtocolEchoServer() {
    }

    /** One connection: every chunk read is written back. */
    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            // the buffer is lent; write() sends it now or copies what the socket did not take
            transport.write(data);
        }
    }

    /**
     * Usage: {@code JasyncioProtocolEchoServer [--port N] [--max-seconds S]} ({@link EchoServerArgs});
     * listens on 127.0.0.1, prints {@code PORT <n>}, serves until killed or the lifetime ends.
     * With {@code -Djasyncio.loop=uring} it runs on the io_uring loop, and exits with status 1
     * if another loop runs it ({@link LoopCheck}).
     */
    public static void main(String[] args) {
        EchoServerArgs a = EchoServerArgs.parse(args);
        run(() -> {
            LoopCheck.requireRequestedLoop();
            Server server = Network.createServer(Echo::new, "127.0.0.1", a.port());
            EchoServerArgs.announce(((InetSocketAddress) server.sockets().getFirst()).getPort());
            sleep(a.maxLifetime());
            server.close();
        });
        // open connections, if any, end with the process
        System.exit(0);
    }
}
