package io.jasyncio.http.client;

import java.time.Duration;

/**
 * The client's timeouts, one per meaning, each raising its own subclass of
 * {@link ClientTimeoutException} (so also of {@link io.jasyncio.AsyncTimeoutException}): aiohttp's
 * {@code ClientTimeout}. A null field means no such limit. Start from {@link #DEFAULTS} and change
 * what you need with the {@code with*} methods.
 *
 * <p><b>Differs from aiohttp:</b> aiohttp's {@code connect} covers both the wait for a pooled
 * connection and making a new one; here they are two timeouts ({@code poolAcquire} and
 * {@code connect}), and {@code sock_read} is split into {@code firstByte} (waiting for the response
 * head) and {@code readIdle} (the longest pause between two pieces of the body).
 *
 * @param total the whole request: waiting for a connection, connecting, sending, the response head
 *        and reading the body (aiohttp's {@code total}); {@link TotalTimeoutException}
 * @param connect making a new connection: DNS, TCP (each address attempt), TLS and a proxy's
 *        CONNECT tunnel (aiohttp's {@code sock_connect}, widened to the whole set-up);
 *        {@link ConnectTimeoutException}
 * @param poolAcquire waiting for the pool to give a connection when its limits are reached;
 *        {@link PoolTimeoutException}
 * @param firstByte from the end of sending the request to the arrival of the response head;
 *        {@link FirstByteTimeoutException}
 * @param readIdle the longest wait for the next piece of the response body;
 *        {@link ReadTimeoutException}
 */
public record ClientTimeouts(Duration total, Duration connect, Duration poolAcquire, Duration firstByte, Duration readIdle) {
    /**
     * total 5 min (aiohttp's default), connect 30 s (aiohttp has none, so a silent host holds the
     * request for the OS's SYN retries, about two minutes on Linux; 30 s is what curl and browsers
     * allow at most), no limit on the pool wait, the first byte or the read pauses (as aiohttp:
     * the total bounds them, and a slow server is not an error by itself).
     */
    public static final ClientTimeouts DEFAULTS = new ClientTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(30), null, null, null);

    /** No limit at all. */
    public static final ClientTimeouts NONE = new ClientTimeouts(null, null, null, null, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a duration is zero or negative
     */
    public ClientTimeouts {
        check("total", total);
        check("connect", connect);
        check("poolAcquire", poolAcquire);
        check("firstByte", firstByte);
        check("readIdle", readIdle);
    }

    private static void check(String name, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(name + " timeout must be positive or null (none), got " + d);
        }
    }

    /** These timeouts with another total (null: none). */
    public ClientTimeouts withTotal(Duration d) {
        return new ClientTimeouts(d, connect, poolAcquire, firstByte, readIdle);
    }

    /** These timeouts with another connect timeout (null: none). */
    public ClientTimeouts withConnect(Duration d) {
        return new ClientTimeouts(total, d, poolAcquire, firstByte, readIdle);
    }

    /** These timeouts with another pool-acquire timeout (null: none). */
    public ClientTimeouts withPoolAcquire(Duration d) {
        return new ClientTimeouts(total, connect, d, firstByte, readIdle);
    }

    /** These timeouts with another first-byte timeout (null: none). */
    public ClientTimeouts withFirstByte(Duration d) {
        return new ClientTimeouts(total, connect, poolAcquire, d, readIdle);
    }

    /** These timeouts with another read-idle timeout (null: none). */
    public ClientTimeouts withReadIdle(Duration d) {
        return new ClientTimeouts(total, connect, poolAcquire, firstByte, d);
    }
}
