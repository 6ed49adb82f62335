package io.jasyncio.http;

/**
 * A value could not be encoded as JSON, or bytes could not be decoded from JSON (malformed, too
 * deep, too large, or not of the requested type). Unchecked, like Jackson's exceptions are to
 * most callers; a server turns a decoding failure of a request body into 400.
 */
public class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public JsonException(String message) {
        super(message);
    }

    /** An exception with {@code message} caused by {@code cause}. */
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
