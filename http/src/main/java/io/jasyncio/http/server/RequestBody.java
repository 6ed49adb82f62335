package io.jasyncio.http.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A request's body as it arrives from the connection, read by the handler's task. Reads suspend
 * until bytes arrive; while nobody reads, the connection stops reading from the socket once a
 * small buffer is full (backpressure), so a large upload never piles up in memory.
 *
 * <p>For a request with {@code Expect: 100-continue}, the first read sends the interim
 * {@code 100 Continue}; a handler that answers without reading never asks for the body.
 */
public interface RequestBody {
    /**
     * The next piece of the body, or null once it has all been read. The buffer is the caller's
     * (a copy). Suspends until bytes arrive.
     *
     * @throws IOException if the connection failed or the client closed it before the body ended
     * @throws io.jasyncio.CancelledError if the handler's task is cancelled while it waits
     */
    ByteBuffer read() throws IOException;

    /**
     * The rest of the body as one array. Suspends until it has all arrived.
     *
     * @throws HttpException with status 413 once more than {@code limit} bytes would be held
     * @throws IOException as {@link #read}
     */
    byte[] readAll(long limit) throws IOException;

    /** The length the request declared, or -1 when it is chunked. */
    long contentLength();

    /** Whether the whole body has been read (true at once for a request without a body). */
    boolean isComplete();
}
