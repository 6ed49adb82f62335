package io.jasyncio.stream;

import java.nio.ByteBuffer;

/**
 * A stream protocol that lends the transport its own buffer to read into, so received bytes are
 * never copied: asyncio's {@code BufferedProtocol}.
 */
public non-sealed interface BufferedProtocol extends ConnectionProtocol {
    /**
     * The buffer the next read goes into, between its position and limit, which must leave room
     * for at least one byte. {@code sizeHint} is what the transport would like, or -1 if it has
     * no preference; the buffer may be smaller or larger.
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code nbytes} bytes were read into the buffer last returned by {@link #getBuffer}, from
     * the position it had then; the transport advanced its position past them.
     */
    void bufferUpdated(int nbytes);
}
