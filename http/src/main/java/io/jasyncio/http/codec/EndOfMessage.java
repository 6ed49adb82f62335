package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;

/**
 * The end of a message body.
 *
 * @param trailers the trailer fields of a chunked body; empty otherwise
 */
public record EndOfMessage(Headers trailers) implements HttpEvent {
}
