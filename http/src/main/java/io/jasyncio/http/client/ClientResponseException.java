package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Url;
import java.io.IOException;
import java.io.Serial;

/**
 * A response the caller did not want: a 4xx or 5xx status under {@link ClientResponse#raiseForStatus()}
 * (aiohttp's {@code ClientResponseError}), a body that is not what {@link ClientResponse#json} expects,
 * or a redirect that cannot be followed. It carries the status, the reason phrase, the URL and the
 * response headers; the message shows the URL without its query, so tokens in it stay out of logs.
 * The response's connection was already released when this is thrown.
 */
public class ClientResponseException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final transient Url url;
    private final transient Headers headers;

    /** An error about the response with {@code status} and {@code reason} from {@code url}. */
    public ClientResponseException(String message, int status, String reason, Url url, Headers headers) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.url = url;
        this.headers = headers == null ? new Headers() : headers;
    }

    /** The response's status code. */
    public int status() {
        return status;
    }

    /** The response's reason phrase as sent (may be empty). */
    public String reason() {
        return reason;
    }

    /** The URL that answered. */
    public Url url() {
        return url;
    }

    /** The response's header fields. */
    public Headers headers() {
        return headers;
    }
}
