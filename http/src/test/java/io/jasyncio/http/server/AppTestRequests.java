package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import io.jasyncio.http.codec.RequestHead;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds {@link Request}s for the app layer's tests without a connection: a head, and a body
 * held in memory and handed out in pieces of a chosen size (1 byte makes every reader loop).
 */
public final class AppTestRequests {
    private AppTestRequests() {
    }

    /** A request without a body. */
    public static Request request(Method method, String target, String... headers) {
        return request(method, target, new byte[0], 1 << 16, headers);
    }

    /** A request whose body is {@code body}, read back in pieces of {@code piece} bytes. */
    public static Request request(Method method, String target, byte[] body, int piece, String... headers) {
        Headers h = Headers.of(headers);
        if (!h.contains("Host")) {
            h.add("Host", "example.test");
        }
        RequestHead head = new RequestHead(method, target, HttpVersion.HTTP_1_1, h, body.length, true, false);
        return new Request(head, new MemoryBody(body, piece), new InetSocketAddress("127.0.0.1", 40000));
    }

    /** A POST of {@code body} in UTF-8 with the given headers. */
    public static Request post(String target, String body, String... headers) {
        return request(Method.POST, target, body.getBytes(StandardCharsets.UTF_8), 1 << 16, headers);
    }

    /** A GET of {@code target}. */
    public static Request get(String target, String... headers) {
        return request(Method.GET, target, headers);
    }

    /** An in-memory body: hands out {@code piece}-byte copies, then null. */
    public static final class MemoryBody implements RequestBody {
        private final Deque<ByteBuffer> pieces = new ArrayDeque<>();
        private final long length;

        MemoryBody(byte[] body, int piece) {
            length = body.length;
            for (int i = 0; i < body.length; i += piece) {
                int n = Math.min(piece, body.length - i);
                byte[] copy = new byte[n];
                System.arraycopy(body, i, copy, 0, n);
                pieces.add(ByteBuffer.wrap(copy));
            }
        }

        @Override
        public ByteBuffer read() {
            return pieces.poll();
        }

        @Override
        public byte[] readAll(long limit) throws IOException {
            long total = 0;
            for (ByteBuffer b : pieces) {
                total += b.remaining();
            }
            if (total > limit) {
                throw new HttpException(413);
            }
            ByteBuffer all = ByteBuffer.allocate((int) total);
            ByteBuffer b;
            while ((b = pieces.poll()) != null) {
                all.put(b);
            }
            return all.array();
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isComplete() {
            return pieces.isEmpty();
        }
    }
}
