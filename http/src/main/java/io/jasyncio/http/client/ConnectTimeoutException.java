package io.jasyncio.http.client;

import java.io.Serial;
import java.time.Duration;

/** The connect timeout expired: making a new connection (ClientTimeouts.connect): DNS, TCP, TLS and a proxy tunnel. */
public final class ConnectTimeoutException extends ClientTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A connect timeout of {@code limit} that expired while {@code doing} (the message reads
     * "connect timeout (&lt;limit&gt;) expired &lt;doing&gt;").
     *
     * @param limit the timeout that was set
     * @param doing what was going on, e.g. "connecting to example.com:443"
     * @param cause the cancellation or lower-level timeout that ended the work, or null
     */
    public ConnectTimeoutException(Duration limit, String doing, Throwable cause) {
        super("connect", limit, doing, cause);
    }
}
