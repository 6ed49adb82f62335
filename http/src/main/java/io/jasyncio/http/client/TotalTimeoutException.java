package io.jasyncio.http.client;

import java.io.Serial;
import java.time.Duration;

/** The total timeout expired: the whole request (ClientTimeouts.total): from asking the pool for a connection to the end of the body. */
public final class TotalTimeoutException extends ClientTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A total timeout of {@code limit} that expired while {@code doing} (the message reads
     * "total timeout (&lt;limit&gt;) expired &lt;doing&gt;").
     *
     * @param limit the timeout that was set
     * @param doing what was going on, e.g. "connecting to example.com:443"
     * @param cause the cancellation or lower-level timeout that ended the work, or null
     */
    public TotalTimeoutException(Duration limit, String doing, Throwable cause) {
        super("total", limit, doing, cause);
    }
}
