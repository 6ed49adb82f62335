package io.jasyncio.http.client;

import java.io.IOException;

/**
 * The content of a request: its length when known, its media type, and how to write it. A body
 * that is {@linkplain #replayable() replayable} can be written more than once, which a retry on a
 * stale keep-alive connection and a 307/308 redirect need; a streamed one cannot.
 */
public interface Body {
    /** The length in bytes, or -1 when unknown (the request is then sent chunked). */
    long length();

    /** The {@code Content-Type} to send, or null for none. */
    String contentType();

    /** Whether {@link #writeTo} may be called again after a first call. */
    boolean replayable();

    /**
     * Writes the content to {@code sink}, suspending while the connection applies backpressure.
     *
     * @throws IOException when the content cannot be read or the connection fails
     */
    void writeTo(BodySink sink) throws IOException;
}
