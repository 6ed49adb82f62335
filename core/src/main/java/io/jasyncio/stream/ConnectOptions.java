package io.jasyncio.stream;

import java.net.SocketAddress;
import java.time.Duration;

/**
 * Options of {@link Network#createConnection}: asyncio's keyword arguments of
 * {@code create_connection} that apply here. Start from {@link #DEFAULTS} and change what you
 * need with the {@code with*} methods.
 *
 * @param localAddress the local address to bind the socket to before connecting, or null
 * @param happyEyeballsDelay with several addresses, how long to wait for one attempt before
 *        starting the next in parallel (RFC 8305; asyncio's {@code happy_eyeballs_delay},
 *        250 ms is its recommended value); null tries the addresses one after the other
 * @param interleave with Happy Eyeballs, how many addresses of the first family come before
 *        one of the other (asyncio's {@code interleave}; 0 keeps the resolver's order)
 * @param connectTimeout how long each connect attempt may take, or null for the system's limit
 */
public record ConnectOptions(SocketAddress localAddress, Duration happyEyeballsDelay, int interleave, Duration connectTimeout) {
    /** No local address, addresses one after the other, no timeout of our own. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, 0, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code interleave} is negative or a duration is negative
     */
    public ConnectOptions {
        if (interleave < 0) {
            throw new IllegalArgumentException("interleave must be >= 0: " + interleave);
        }
        if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
            throw new IllegalArgumentException("negative happyEyeballsDelay: " + happyEyeballsDelay);
        }
        if (connectTimeout != null && connectTimeout.isNegative()) {
            throw new IllegalArgumentException("negative connectTimeout: " + connectTimeout);
        }
    }

    /** These options with {@code address} as the local address. */
    public ConnectOptions withLocalAddress(SocketAddress address) {
        return new ConnectOptions(address, happyEyeballsDelay, interleave, connectTimeout);
    }

    /** These options with Happy Eyeballs after {@code delay} (and interleave 1 if it was 0, as asyncio). */
    public ConnectOptions withHappyEyeballs(Duration delay) {
        return new ConnectOptions(localAddress, delay, interleave == 0 ? 1 : interleave, connectTimeout);
    }

    /** These options with {@code n} as the interleave count. */
    public ConnectOptions withInterleave(int n) {
        return new ConnectOptions(localAddress, happyEyeballsDelay, n, connectTimeout);
    }

    /** These options with {@code timeout} for each connect attempt. */
    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(localAddress, happyEyeballsDelay, interleave, timeout);
    }
}
