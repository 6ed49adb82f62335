package io.jasyncio.http.client;

import java.io.Serial;
import java.time.Duration;

/** The read idle timeout expired: waiting for the next piece of the response body (ClientTimeouts.readIdle). */
public final class ReadTimeoutException extends ClientTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A read idle timeout of {@code limit} that expired while {@code doing} (the message reads
     * "read idle timeout (&lt;limit&gt;) expired &lt;doing&gt;").
     *
     * @param limit the timeout that was set
     * @param doing what was going on, e.g. "connecting to example.com:443"
     * @param cause the cancellation or lower-level timeout that ended the work, or null
     */
    public ReadTimeoutException(Duration limit, String doing, Throwable cause) {
        super("read idle", limit, doing, cause);
    }
}
