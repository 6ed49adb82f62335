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
 * @param tls TLS client options (asyncio's {@code ssl=}), or null for a plain connection; a
 *        null {@link TlsLayer#serverHostname()} becomes the host connected to (asyncio's
 *        {@code server_hostname} default)
 */
public record ConnectOptions(SocketAddress localAddress, Duration happyEyeballsDelay, int interleave, Duration connectTimeout,
        TlsLayer tls) {
    /** No local address, addresses one after the other, no timeout of our own, no TLS. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, 0, null, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code interleave} is negative, a duration is negative,
     *         or {@code tls} is for the server side
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
        if (tls != null && tls.serverSide()) {
            throw new IllegalArgumentException("a connection needs client-side TlsOptions (TlsOptions.client)");
        }
    }

    /** These options with {@code address} as the local address. */
    public ConnectOptions withLocalAddress(SocketAddress address) {
        return new ConnectOptions(address, happyEyeballsDelay, interleave, connectTimeout, tls);
    }

    /** These options with Happy Eyeballs after {@code delay} (and interleave 1 if it was 0, as asyncio). */
    public ConnectOptions withHappyEyeballs(Duration delay) {
        return new ConnectOptions(localAddress, delay, interleave == 0 ? 1 : interleave, connectTimeout, tls);
    }

    /** These options with {@code n} as the interleave count. */
    public ConnectOptions withInterleave(int n) {
        return new ConnectOptions(localAddress, happyEyeballsDelay, n, connectTimeout, tls);
    }

    /** These options with {@code timeout} for each connect attempt. */
    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(localAddress, happyEyeballsDelay, interleave, timeout, tls);
    }

    /**
     * These options with TLS: the connection is a TLS client's, and {@code createConnection} /
     * {@code openConnection} return once the handshake is done (asyncio's {@code ssl=}). Null
     * turns TLS off.
     *
     * {@snippet :
     * ConnectOptions o = ConnectOptions.DEFAULTS.withTls(TlsOptions.client(sslContext));
     * StreamPair c = Streams.openConnection("example.com", 443, o, StreamReader.DEFAULT_LIMIT);
     * }
     *
     * @throws IllegalArgumentException if {@code tls} is for the server side
     */
    public ConnectOptions withTls(TlsLayer tls) {
        return new ConnectOptions(localAddress, happyEyeballsDelay, interleave, connectTimeout, tls);
    }
}
