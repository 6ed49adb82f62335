package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.stream.Server;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.Streams;
import java.net.InetSocketAddress;

/**
 * The TCP echo server and client of asyncio's streams documentation: the server echoes each line
 * until the client half-closes; the client sends three lines, prints each echo, then says it is
 * done and reads to the end. Both run on one loop over 127.0.0.1 on an ephemeral port.
 */
public final class EchoStreamsDemo {
    private EchoStreamsDemo() {
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                try (writer) {                                   // closes the connection at the end
                    System.out.println("server: connection from " + writer.getExtraInfo("peername"));
                    for (byte[] line : reader.lines()) {         // each readLine() suspends
                        writer.write(line);
                        writer.drain();                          // waits while the client is slow
                    }
                    System.out.println("server: client said goodbye");
                }
            }, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();

            StreamPair client = Streams.openConnection("127.0.0.1", port);
            for (String line : new String[] {"Hello", "World", "!"}) {
                client.writer().write((line + "\n").getBytes(UTF_8));
                System.out.println("client: echoed " + new String(client.reader().readLine(), UTF_8).strip());
            }
            client.writer().writeEof();                          // half-close: "no more from me"
            System.out.println("client: rest " + client.reader().read().length + " bytes, then EOF");
            client.close();
            client.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }
}
