package io.jasyncio.http.client;

import java.io.Serial;
import java.time.Duration;

/** The pool acquire timeout expired: waiting for the pool to give a connection (ClientTimeouts.poolAcquire) while its total or per-host limit is reached. */
public final class PoolTimeoutException extends ClientTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A pool acquire timeout of {@code limit} that expired while {@code doing} (the message reads
     * "pool acquire timeout (&lt;limit&gt;) expired &lt;doing&gt;").
     *
     * @param limit the timeout that was set
     * @param doing what was going on, e.g. "connecting to example.com:443"
     * @param cause the cancellation or lower-level timeout that ended the work, or null
     */
    public PoolTimeoutException(Duration limit, String doing, Throwable cause) {
        super("pool acquire", limit, doing, cause);
    }
}
