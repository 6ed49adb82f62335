package io.jasyncio.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.VoidBody;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.MemoryTransport;
import java.time.Duration;

/** Helpers shared by the stream tests. */
final class StreamTestSupport {
    /** Chunk sizes a peer delivers in: one byte at a time (okio's BufferedSourceFactory), a few, all at once. */
    static final int[] CHUNKINGS = {1, 3, Integer.MAX_VALUE};

    private StreamTestSupport() {
    }

    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    static String s(byte[] b) {
        return new String(b, US_ASCII);
    }

    /**
     * Feeds {@code data} to {@code reader} from loop callbacks, {@code chunk} bytes per
     * callback, starting on the next iteration; then EOF if {@code eof}.
     */
    static void feedSoon(EventLoop loop, StreamReader reader, byte[] data, int chunk, boolean eof) {
        loop.callSoon(() -> feedFrom(loop, reader, data, 0, chunk, eof));
    }

    private static void feedFrom(EventLoop loop, StreamReader reader, byte[] data, int off, int chunk, boolean eof) {
        if (off < data.length) {
            int n = Math.min(chunk, data.length - off);
            reader.feedData(java.util.Arrays.copyOfRange(data, off, off + n));
            loop.callSoon(() -> feedFrom(loop, reader, data, off + n, chunk, eof));
        } else if (eof) {
            reader.feedEof();
        }
    }

    /** Both ends of an in-memory connection, each with streams over it. */
    record MemoryConnection(MemoryTransport ta, MemoryTransport tb, StreamReaderProtocol pa, StreamReaderProtocol pb,
            StreamPair a, StreamPair b) {
    }

    /**
     * A connected pair of in-memory transports with streams on both ends: bytes from a to b arrive in
     * chunks of {@code chunkAtoB}, from b to a in chunks of {@code chunkBtoA}.
     */
    static MemoryConnection connect(EventLoop loop, int chunkAtoB, int chunkBtoA, int limit) {
        StreamReaderProtocol pa = Streams.clientProtocol(limit);
        StreamReaderProtocol pb = Streams.clientProtocol(limit);
        MemoryTransport.Pair t = MemoryTransport.pair(loop, pa, pb);
        t.a().setChunkSize(chunkAtoB);
        t.b().setChunkSize(chunkBtoA);
        return new MemoryConnection(t.a(), t.b(), pa, pb, Streams.connectionPair(t.a(), pa), Streams.connectionPair(t.b(), pb));
    }

    static MemoryConnection connect(EventLoop loop, int chunk) {
        return connect(loop, chunk, chunk, StreamReader.DEFAULT_LIMIT);
    }
}
