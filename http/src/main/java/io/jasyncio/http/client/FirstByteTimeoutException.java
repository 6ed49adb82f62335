package io.jasyncio.http.client;

import java.io.Serial;
import java.time.Duration;

/** The first byte timeout expired: waiting for the response head after the request was sent (ClientTimeouts.firstByte). */
public final class FirstByteTimeoutException extends ClientTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A first byte timeout of {@code limit} that expired while {@code doing} (the message reads
     * "first byte timeout (&lt;limit&gt;) expired &lt;doing&gt;").
     *
     * @param limit the timeout that was set
     * @param doing what was going on, e.g. "connecting to example.com:443"
     * @param cause the cancellation or lower-level timeout that ended the work, or null
     */
    public FirstByteTimeoutException(Duration limit, String doing, Throwable cause) {
        super("first byte", limit, doing, cause);
    }
}
