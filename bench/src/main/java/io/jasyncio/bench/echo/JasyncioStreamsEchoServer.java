package io.jasyncio.bench.echo;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.bench.LoopCheck;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Streams;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The jasyncio streams echo server of the echo workloads: {@link Streams#startServer} with a task
 * per connection that reads up to 64 KiB, writes it back and waits in {@code drain()}, until end
 * of stream, as bench/python/echo_server.py's {@code --style streams} does in asyncio and uvloop.
 */
public final class JasyncioStreamsEchoServer {
    private static final int READ_SIZE = 65536;

    private JasyncioStreamsEchoServer() {
    }

    static void echo(StreamReader reader, StreamWriter writer) {
        try (writer) {
            byte[] data;
            while ((data = reader.read(READ_SIZE)).length > 0) {
                writer.write(data);
                writer.drain();
            }
        } catch (IOException connectionEnded) {
            // the client went away: as asyncio's ConnectionError, nothing to report
        }
    }

    /**
     * Usage: {@code JasyncioStreamsEchoServer [--port N] [--max-seconds S]} ({@link EchoServerArgs});
     * listens on 127.0.0.1, prints {@code PORT <n>}, serves until killed or the lifetime ends.
     * With {@code -Djasyncio.loop=uring} it runs on the io_uring loop, and exits with status 1
     * if another loop runs it ({@link LoopCheck}).
     */
    public static void main(String[] args) {
        EchoServerArgs a = EchoServerArgs.parse(args);
        run(() -> {
            LoopCheck.requireRequestedLoop();
            Server server = Streams.startServer(JasyncioStreamsEchoServer::echo, "127.0.0.1", a.port());
            EchoServerArgs.announce(((InetSocketAddress) server.sockets().getFirst()).getPort());
            sleep(a.maxLifetime());
            server.close();
        });
        // open connections, if any, end with the process
        System.exit(0);
    }
}
