package io.jasyncio.stream;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

import static io.jasyncio.stream.NetTestSupport.LOOPBACK;
import static io.jasyncio.stream.NetTestSupport.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Transport#sendfile}: zero-copy file regions on socket transports (issue 9, HTTP file responses). */
class SendfileTest {
    /** Large enough to fill the socket buffers, so sendfile has to wait for the peer. */
    static final int SIZE = 8 << 20;

    @TempDir
    Path dir;

    /** Hands its transport to the test once connected. */
    static final class Capture implements Protocol {
        final Future<Transport> made;

        Capture(Future<Transport> made) {
            this.made = made;
        }

        @Override
        public void connectionMade(Transport t) {
            made.trySetResult(t);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
        }
    }

    private Path file(byte[] data) throws IOException {
        return Files.write(dir.resolve("data.bin"), data);
    }

    private static byte[] readAll(StreamReader r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b = r.read(); b.length > 0; b = r.read()) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @LoopTest(checkFds = true)
    void aRegionIsSentAfterBufferedDataAndBeforeLaterWrites(LoopHarness h) throws Exception {
        byte[] data = pattern(SIZE);
        Path path = file(data);
        h.runBounded(() -> {
            Future<Transport> made = h.loop().createFuture();
            Server server = Network.createServer(() -> new Capture(made), LOOPBACK, 0);
            StreamPair client = Streams.openConnection(LOOPBACK, NetTestSupport.port(server));
            Transport t = made.await();
            assertTrue(t.canSendfile());
            Task<byte[]> reader = Asyncio.createTask(() -> readAll(client.reader()));
            byte[] before = new byte[200_000];
            Arrays.fill(before, (byte) 'b');
            t.write(before);
            long sent;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                sent = t.sendfile(ch, 7, SIZE - 7);
                assertEquals(0, ch.position(), "the file's position does not move");
            }
            assertEquals(SIZE - 7, sent);
            t.write("end".getBytes());
            t.close();
            byte[] got = reader.await();
            assertEquals(before.length + SIZE - 7 + 3, got.length);
            assertArrayEquals(before, Arrays.copyOfRange(got, 0, before.length));
            assertArrayEquals(Arrays.copyOfRange(data, 7, SIZE), Arrays.copyOfRange(got, before.length, before.length + SIZE - 7));
            assertEquals("end", new String(got, got.length - 3, 3));
            client.close();
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(checkFds = true)
    void writesFailWhileASendfileRunsAndAShortFileEndsIt(LoopHarness h) throws Exception {
        Path path = file(pattern(SIZE));
        h.runBounded(() -> {
            Future<Transport> made = h.loop().createFuture();
            Server server = Network.createServer(() -> new Capture(made), LOOPBACK, 0);
            StreamPair client = Streams.openConnection(LOOPBACK, NetTestSupport.port(server));
            Transport t = made.await();
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                Task<Long> sending = Asyncio.createTask(() -> t.sendfile(ch, 0, SIZE + 1000L));
                Asyncio.sleep(Duration.ofMillis(20));
                assertFalse(sending.isDone(), "the client reads nothing: the socket is full");
                assertThrows(IllegalStateException.class, () -> t.write(new byte[1]));
                assertThrows(IllegalStateException.class, () -> t.sendfile(ch, 0, 1));
                Task<byte[]> reader = Asyncio.createTask(() -> readAll(client.reader()));
                assertEquals(SIZE, sending.await(), "the file ended before the count");
                t.close();
                assertEquals(SIZE, reader.await().length);
            }
            client.close();
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(checkFds = true)
    void aPeerThatGoesAwayEndsTheSendfileWithAnErrorAndCancellingLeavesNoWriter(LoopHarness h) throws Exception {
        Path path = file(pattern(SIZE));
        h.runBounded(() -> {
            Future<Transport> made = h.loop().createFuture();
            Server server = Network.createServer(() -> new Capture(made), LOOPBACK, 0);
            StreamPair client = Streams.openConnection(LOOPBACK, NetTestSupport.port(server));
            Transport t = made.await();
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                Task<Long> cancelled = Asyncio.createTask(() -> t.sendfile(ch, 0, SIZE));
                Asyncio.sleep(Duration.ofMillis(20));
                cancelled.cancel();
                Asyncio.sleep(Duration.ZERO);
                assertTrue(cancelled.isCancelled());
                Task<Long> sending = Asyncio.createTask(() -> t.sendfile(ch, 0, SIZE));
                Asyncio.sleep(Duration.ofMillis(20));
                client.writer().transport().abort();
                Throwable e = assertThrows(java.util.concurrent.CompletionException.class, sending::await).getCause();
                assertTrue(e instanceof IOException, e.toString());
            }
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest
    void otherTransportsCannotSendfile(LoopHarness h) throws Exception {
        Path path = file(new byte[10]);
        MemoryTransport t = MemoryTransport.pair(h.loop()).a();
        assertFalse(t.canSendfile());
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            assertThrows(UnsupportedOperationException.class, () -> t.sendfile(ch, 0, 10));
        }
    }
}
