package io.jasyncio.http.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a request {@link Payload} writes its bytes: the connection the request goes out on.
 * Loop-confined; {@link #write} suspends the calling task while the connection's write buffer is
 * above its high-water mark, so a large or endless body is sent with backpressure.
 */
public interface PayloadSink {
    /**
     * Sends the remaining bytes of {@code data} (chunk-framed when the body's length is unknown).
     * The sink may keep {@code data} until it is written: do not reuse it.
     *
     * @throws IOException when the connection is lost or closed while writing
     */
    void write(ByteBuffer data) throws IOException;
}
