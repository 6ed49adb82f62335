package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Status;

/**
 * Thrown by a handler (or middleware, or the server itself) to answer with an error status:
 * aiohttp's {@code HTTPException} family as one class with a status code. The message is sent to
 * the client as the {@code text/plain} body, so it must not hold secrets; {@link #headers} are
 * added to the response (for example {@code Allow} on a 405).
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Headers headers;

    /**
     * An error response with {@code status} and its reason phrase as the body.
     *
     * @throws IllegalArgumentException unless {@code status} is in 400..599
     */
    public HttpException(int status) {
        this(status, Status.reason(status));
    }

    /**
     * An error response with {@code status} and {@code message} as the body.
     *
     * @throws IllegalArgumentException unless {@code status} is in 400..599
     */
    public HttpException(int status, String message) {
        this(status, message, new Headers());
    }

    /**
     * An error response with {@code status}, {@code message} as the body and extra header fields.
     *
     * @throws IllegalArgumentException unless {@code status} is in 400..599
     */
    public HttpException(int status, String message, Headers headers) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HttpException needs an error status (400..599), got " + status);
        }
        this.status = status;
        this.headers = headers;
    }

    /** The status the client is answered with. */
    public int status() {
        return status;
    }

    /** Header fields added to the error response. */
    public Headers headers() {
        return headers;
    }
}
