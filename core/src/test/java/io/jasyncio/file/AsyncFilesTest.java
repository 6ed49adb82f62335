package io.jasyncio.file;

import static io.jasyncio.file.FileTestSupport.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.Task;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Streams;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** {@link AsyncFiles}: whole-file helpers, copy and sendFile. */
class AsyncFilesTest {
    static final String LOOPBACK = "127.0.0.1";

    @TempDir
    Path dir;

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void bytesAndTextRoundTrip(LoopHarness h) {
        Path bin = dir.resolve("bin");
        Path txt = dir.resolve("txt");
        Path latin = dir.resolve("latin");
        byte[] data = pattern(200_000);
        h.runBounded(() -> {
            assertEquals(bin, AsyncFiles.write(bin, data));
            assertArrayEquals(data, AsyncFiles.readAllBytes(bin));
            assertEquals(txt, AsyncFiles.writeString(txt, "grüße\r\nzwei\n"));
            assertEquals("grüße\r\nzwei\n", AsyncFiles.readString(txt));
            assertEquals(List.of("grüße", "zwei"), AsyncFiles.readAllLines(txt));
            AsyncFiles.writeString(latin, "grüße", StandardCharsets.ISO_8859_1);
            assertEquals("grüße", AsyncFiles.readString(latin, StandardCharsets.ISO_8859_1));
            assertEquals(List.of("grüße"), AsyncFiles.readAllLines(latin, StandardCharsets.ISO_8859_1));
        });
        assertEquals("grüße\r\nzwei\n", readString(txt));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void writeTruncatesByDefaultAndAppendsWhenAsked(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "a much longer old content");
        h.runBounded(() -> {
            AsyncFiles.writeString(p, "new");
            assertEquals("new", AsyncFiles.readString(p));
            AsyncFiles.write(p, " more".getBytes(), StandardOpenOption.APPEND);
            assertEquals("new more", AsyncFiles.readString(p));
            assertThrows(FileAlreadyExistsException.class, () -> AsyncFiles.write(p, new byte[1], StandardOpenOption.CREATE_NEW));
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void textThatCannotBeCodedIsAnError(LoopHarness h) throws Exception {
        Path bad = Files.write(dir.resolve("bad"), new byte[] {(byte) 0xc3});
        h.runBounded(() -> {
            assertThrows(MalformedInputException.class, () -> AsyncFiles.readString(bad));
            assertThrows(MalformedInputException.class, () -> AsyncFiles.readAllLines(bad));
            assertThrows(UnmappableCharacterException.class,
                    () -> AsyncFiles.writeString(dir.resolve("x"), "€", StandardCharsets.ISO_8859_1));
            assertThrows(NoSuchFileException.class, () -> AsyncFiles.readAllBytes(dir.resolve("missing")));
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void copyCopiesALargeFile(LoopHarness h) throws Exception {
        byte[] data = pattern((5 << 20) + 12_345);
        Path src = Files.write(dir.resolve("src"), data);
        Path dst = dir.resolve("dst");
        h.runBounded(() -> {
            assertEquals(data.length, AsyncFiles.copy(src, dst));
        });
        assertArrayEquals(data, Files.readAllBytes(dst));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void copyReplacesOnlyWhenAskedAndOntoItselfDoesNothing(LoopHarness h) throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "source");
        Path dst = Files.writeString(dir.resolve("dst"), "an old and longer target");
        h.runBounded(() -> {
            assertThrows(FileAlreadyExistsException.class, () -> AsyncFiles.copy(src, dst));
            assertEquals(6, AsyncFiles.copy(src, dst, StandardCopyOption.REPLACE_EXISTING));
            assertEquals("source", AsyncFiles.readString(dst));
            assertEquals(6, AsyncFiles.copy(src, src, StandardCopyOption.REPLACE_EXISTING));
            assertEquals("source", AsyncFiles.readString(src));
            assertThrows(UnsupportedOperationException.class, () -> AsyncFiles.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES));
            assertThrows(NoSuchFileException.class, () -> AsyncFiles.copy(dir.resolve("missing"), dir.resolve("t")));
        });
        assertFalse(Files.exists(dir.resolve("t")));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void sendFileSendsAWholeFileAndARegionOverTcp(LoopHarness h) throws Exception {
        byte[] data = pattern(3 << 20);
        Path p = Files.write(dir.resolve("payload"), data);
        h.runBounded(() -> {
            Server server = Streams.startServer((r, w) -> {
                long all = AsyncFiles.sendFile(w.transport(), p);
                long part = AsyncFiles.sendFile(w.transport(), p, 10, 100);
                long rest = AsyncFiles.sendFile(w, p);
                w.write(new byte[] {(byte) (all == data.length && part == 100 && rest == data.length ? 1 : 0)});
                w.close();
            }, LOOPBACK, 0);
            StreamPair client = Streams.openConnection(LOOPBACK, ((InetSocketAddress) server.sockets().getFirst()).getPort());
            byte[] got = readAll(client.reader());
            assertEquals(2L * data.length + 100 + 1, got.length);
            assertArrayEquals(data, Arrays.copyOfRange(got, 0, data.length));
            assertArrayEquals(Arrays.copyOfRange(data, 10, 110), Arrays.copyOfRange(got, data.length, data.length + 100));
            assertArrayEquals(data, Arrays.copyOfRange(got, data.length + 100, 2 * data.length + 100));
            assertEquals(1, got[got.length - 1], "the counts the sends returned");
            client.close();
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void sendFileThroughAWriterWhoseTransportCannotSendfileCopies(LoopHarness h) throws Exception {
        byte[] data = pattern(700_000);
        Path p = Files.write(dir.resolve("payload"), data);
        h.runBounded(() -> {
            StreamReaderProtocol pa = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
            StreamReaderProtocol pb = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), pa, pb);
            StreamPair a = Streams.connectionPair(t.a(), pa);
            StreamPair b = Streams.connectionPair(t.b(), pb);
            assertFalse(a.writer().transport().canSendfile());
            assertThrows(UnsupportedOperationException.class, () -> AsyncFiles.sendFile(a.writer().transport(), p));
            Task<byte[]> reading = Asyncio.createTask(() -> readAll(b.reader()));
            assertEquals(data.length, AsyncFiles.sendFile(a.writer(), p));
            a.writer().close();
            assertArrayEquals(data, reading.await());
            b.writer().close();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void sendFileChecksItsArguments(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("p"), new byte[1]);
        h.runBounded(() -> {
            Transport t = MemoryTransport.pair(h.loop()).a();
            assertThrows(IllegalArgumentException.class, () -> AsyncFiles.sendFile(t, p, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> AsyncFiles.sendFile(t, p, 0, -2));
        });
    }

    private static byte[] readAll(StreamReader r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b = r.read(); b.length > 0; b = r.read()) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
