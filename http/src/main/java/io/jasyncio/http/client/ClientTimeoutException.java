package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import java.io.Serial;
import java.time.Duration;

/**
 * One of the {@link ClientTimeouts} expired. It is an {@link AsyncTimeoutException}, so code that
 * catches the asyncio timeout catches it too (aiohttp's timeouts are {@code asyncio.TimeoutError}s);
 * its subclass says which one, and so do {@link #which()}, {@link #limit()} and the message, e.g.
 * {@code "connect timeout (30 s) expired connecting to example.com:443"}.
 */
public abstract sealed class ClientTimeoutException extends AsyncTimeoutException
        permits TotalTimeoutException, ConnectTimeoutException, PoolTimeoutException, FirstByteTimeoutException,
        ReadTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String which;
    private final transient Duration limit;

    ClientTimeoutException(String which, Duration limit, String doing, Throwable cause) {
        super(which + " timeout (" + format(limit) + ") expired " + doing, cause);
        this.which = which;
        this.limit = limit;
    }

    /** Which timeout expired: "total", "connect", "pool acquire", "first byte" or "read idle". */
    public String which() {
        return which;
    }

    /** The limit that was set for it. */
    public Duration limit() {
        return limit;
    }

    /** A duration the way a person reads it: "30 s", "250 ms", "1.5 s". */
    static String format(Duration d) {
        if (d == null) {
            return "none";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms == 0 ? d.toNanos() / 1000 + " µs" : ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return (ms / 1000) + "." + String.format("%03d", ms % 1000).replaceAll("0+$", "") + " s";
    }
}
