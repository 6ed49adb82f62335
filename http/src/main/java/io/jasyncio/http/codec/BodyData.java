package io.jasyncio.http.codec;

import java.nio.ByteBuffer;

/**
 * A piece of a message body, de-chunked.
 *
 * @param data the bytes, between position and limit: a read-only view that is valid only until
 *     the decoder is next fed or asked for an event; copy what you keep
 */
public record BodyData(ByteBuffer data) implements HttpEvent {
}
