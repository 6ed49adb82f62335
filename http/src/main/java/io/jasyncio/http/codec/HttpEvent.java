package io.jasyncio.http.codec;

/**
 * What a decoder makes of the bytes it was fed: a message head, a piece of body, the end of a
 * message, or a protocol error. Decoders return {@code null} from {@code next()} when they need
 * more bytes.
 */
public sealed interface HttpEvent permits RequestHead, ResponseHead, BodyData, EndOfMessage, ProtocolError {
}
