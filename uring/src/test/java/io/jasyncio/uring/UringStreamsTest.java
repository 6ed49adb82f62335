package io.jasyncio.uring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.LoopStatistics;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.StreamHandler;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.Streams;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Core's streams, unchanged, over the ring's readiness polls: the conformance base end to end. */
class UringStreamsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static final StreamHandler ECHO = (reader, writer) -> {
        try (writer) {
            byte[] chunk;
            while ((chunk = reader.read(64 * 1024)).length > 0) {
                writer.write(chunk);
                writer.drain();
            }
        }
    };

    @Test
    void aTcpEchoThroughStreamsWorksLineByLineAndInBulk() {
        for (UringOptions options : new UringOptions[] {UringOptions.DEFAULT, UringOptions.withSqpoll()}) {
            try (EventLoop loop = new UringEventLoop(options)) {
                byte[] bulk = new byte[3 * 1024 * 1024];
                for (int i = 0; i < bulk.length; i++) {
                    bulk[i] = (byte) (i * 31 + 7);
                }
                String result = loop.runUntilComplete(() -> Asyncio.waitFor(() -> {
                    Server server = Streams.startServer(ECHO, "127.0.0.1", 0);
                    int port = ((InetSocketAddress) server.sockets().get(0)).getPort();
                    StreamPair c = Streams.openConnection("127.0.0.1", port);
                    for (String s : new String[] {"one\n", "two\n"}) {
                        c.writer().write(s.getBytes(UTF_8));
                        c.writer().drain();
                        assertEquals(s, new String(c.reader().readLine(), UTF_8));
                    }
                    var sender = Asyncio.createTask(() -> {
                        for (int off = 0; off < bulk.length; off += 100_000) {
                            c.writer().write(Arrays.copyOfRange(bulk, off, Math.min(bulk.length, off + 100_000)));
                            c.writer().drain();
                        }
                        c.writer().writeEof();
                        return null;
                    });
                    byte[] back = c.reader().read(-1);
                    sender.await();
                    c.close();
                    c.writer().waitClosed();
                    server.close();
                    server.waitClosed();
                    assertArrayEquals(bulk, back);
                    return "ok";
                }, BOUND));
                assertEquals("ok", result);
                assertEquals(new LoopStatistics(0, 0, 0), loop.statistics(), options.toString());
            }
        }
    }
}
