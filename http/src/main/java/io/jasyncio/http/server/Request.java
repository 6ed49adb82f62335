package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import io.jasyncio.http.codec.RequestHead;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP request as its handler sees it: the head the codec parsed, the body as it arrives,
 * and where it came from. Belongs to the handler's task; not thread-safe.
 */
public final class Request {
    /** aiohttp's {@code client_max_size}: the most a buffered read ({@link #bytes}) holds. */
    public static final long DEFAULT_MAX_BODY = 1 << 20;

    private final RequestHead head;
    private final RequestBody body;
    private final InetSocketAddress remoteAddress;
    private long maxBody = DEFAULT_MAX_BODY;

    /** For the server and for tests that call handlers directly. */
    Request(RequestHead head, RequestBody body, InetSocketAddress remoteAddress) {
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
        this.remoteAddress = remoteAddress;
    }

    /** The request method. */
    public Method method() {
        return head.method();
    }

    /** The request target exactly as sent (path and query, or absolute-form). */
    public String target() {
        return head.target();
    }

    /** HTTP/1.0 or HTTP/1.1. */
    public HttpVersion version() {
        return head.version();
    }

    /** The header fields, in order. */
    public Headers headers() {
        return head.headers();
    }

    /** The parsed head, with its framing. */
    public RequestHead head() {
        return head;
    }

    /** The client's address, or null when the transport has none (a Unix socket). */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The body, to stream it. */
    public RequestBody body() {
        return body;
    }

    /** The most bytes {@link #bytes} and the readers built on it hold before answering 413. */
    public long maxBody() {
        return maxBody;
    }

    /**
     * Sets {@link #maxBody} for this request (a route that accepts uploads raises it).
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void setMaxBody(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("maxBody must be >= 0, got " + limit);
        }
        maxBody = limit;
    }

    /**
     * The whole body. Suspends until it has arrived.
     *
     * @throws HttpException 413 if it is longer than {@link #maxBody}
     * @throws IOException if the connection failed before the body ended
     */
    public byte[] bytes() throws IOException {
        return body.readAll(maxBody);
    }

    /**
     * The whole body as UTF-8 text (the app layer adds the Content-Type charset). Suspends.
     *
     * @throws HttpException 413 if it is longer than {@link #maxBody}
     * @throws IOException if the connection failed before the body ended
     */
    public String text() throws IOException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return head.method() + " " + head.target() + " " + head.version();
    }
}
