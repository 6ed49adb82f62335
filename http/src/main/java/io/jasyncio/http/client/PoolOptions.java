package io.jasyncio.http.client;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How the client's connection pool behaves: aiohttp's {@code TCPConnector} arguments. Start from
 * {@link #DEFAULTS} and change what you need with the {@code with*} methods.
 *
 * <p><b>Differs from aiohttp:</b> {@code limit} counts every open connection, idle ones included
 * (aiohttp counts those in use only), so the pool never holds more sockets than {@code limit};
 * when a request for another host needs a slot, the longest-idle connection is closed for it.
 *
 * @param limit the most connections open at once, across all hosts (aiohttp's {@code limit}, 100)
 * @param limitPerHost the most connections to one origin, 0 for no limit but {@code limit}
 *        (aiohttp's {@code limit_per_host}, 0)
 * @param keepAliveTimeout how long an idle connection stays in the pool (aiohttp's
 *        {@code keepalive_timeout}, 15 s); null keeps idle connections until the server closes them
 * @param dnsCacheTtl how long a host's addresses are reused (aiohttp's {@code ttl_dns_cache},
 *        10 s); null or zero looks every host up for each new connection
 * @param happyEyeballsDelay with several addresses, when to start the next attempt while one is
 *        in progress (RFC 8305, 250 ms); null tries them one after the other
 * @param sslContext the TLS context for https (trust, client certificates); null for the JDK's
 *        default, which trusts the JDK's CA certificates
 * @param verifyHostname whether an https server's certificate must name the host (true; turning
 *        it off is aiohttp's {@code ssl=False} minus the trust check, which stays on)
 * @param proxy the HTTP proxy for every request, or null to connect directly
 */
public record PoolOptions(int limit, int limitPerHost, Duration keepAliveTimeout, Duration dnsCacheTtl, Duration happyEyeballsDelay,
        SSLContext sslContext, boolean verifyHostname, Proxy proxy) {
    /** 100 connections, no per-host limit, 15 s keep-alive, 10 s DNS cache, Happy Eyeballs at 250 ms, verified TLS, no proxy. */
    public static final PoolOptions DEFAULTS = new PoolOptions(100, 0, Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofMillis(250), null, true, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1, {@code limitPerHost} negative, or
     *         a duration negative ({@code keepAliveTimeout} zero too)
     */
    public PoolOptions {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        if (limitPerHost < 0) {
            throw new IllegalArgumentException("limitPerHost must be >= 0 (0: none): " + limitPerHost);
        }
        if (keepAliveTimeout != null && (keepAliveTimeout.isNegative() || keepAliveTimeout.isZero())) {
            throw new IllegalArgumentException("keepAliveTimeout must be positive or null: " + keepAliveTimeout);
        }
        if (dnsCacheTtl != null && dnsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("negative dnsCacheTtl: " + dnsCacheTtl);
        }
        if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
            throw new IllegalArgumentException("negative happyEyeballsDelay: " + happyEyeballsDelay);
        }
    }

    /** These options with another total limit. */
    public PoolOptions withLimit(int n) {
        return new PoolOptions(n, limitPerHost, keepAliveTimeout, dnsCacheTtl, happyEyeballsDelay, sslContext, verifyHostname, proxy);
    }

    /** These options with another per-host limit (0: none). */
    public PoolOptions withLimitPerHost(int n) {
        return new PoolOptions(limit, n, keepAliveTimeout, dnsCacheTtl, happyEyeballsDelay, sslContext, verifyHostname, proxy);
    }

    /** These options with another idle expiry (null: none). */
    public PoolOptions withKeepAliveTimeout(Duration d) {
        return new PoolOptions(limit, limitPerHost, d, dnsCacheTtl, happyEyeballsDelay, sslContext, verifyHostname, proxy);
    }

    /** These options with another DNS cache lifetime (null or zero: no cache). */
    public PoolOptions withDnsCacheTtl(Duration d) {
        return new PoolOptions(limit, limitPerHost, keepAliveTimeout, d, happyEyeballsDelay, sslContext, verifyHostname, proxy);
    }

    /** These options with another Happy Eyeballs delay (null: addresses one after the other). */
    public PoolOptions withHappyEyeballsDelay(Duration d) {
        return new PoolOptions(limit, limitPerHost, keepAliveTimeout, dnsCacheTtl, d, sslContext, verifyHostname, proxy);
    }

    /** These options with another TLS context (null: the JDK's default). */
    public PoolOptions withSslContext(SSLContext c) {
        return new PoolOptions(limit, limitPerHost, keepAliveTimeout, dnsCacheTtl, happyEyeballsDelay, c, verifyHostname, proxy);
    }

    /** These options with hostname verification on or off. */
    public PoolOptions withVerifyHostname(boolean on) {
        return new PoolOptions(limit, limitPerHost, keepAliveTimeout, dnsCacheTtl, happyEyeballsDelay, sslContext, on, proxy);
    }

    /** These options with another proxy (null: direct). */
    public PoolOptions withProxy(Proxy p) {
        return new PoolOptions(limit, limitPerHost, keepAliveTimeout, dnsCacheTtl, happyEyeballsDelay, sslContext, verifyHostname, p);
    }
}
