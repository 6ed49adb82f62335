package io.jasyncio.http.server;

import io.jasyncio.http.codec.CodecLimits;
import io.jasyncio.stream.tls.TlsOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link HttpServer} listens and what it tolerates: aiohttp's {@code run_app} and
 * {@code AppRunner} keyword arguments as one immutable value. Start from {@link #DEFAULTS} and
 * change what you need with the {@code with} methods.
 *
 * {@snippet :
 * ServerConfig config = ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(8080)
 *         .withKeepAliveTimeout(Duration.ofSeconds(30));
 * }
 *
 * @param host the address to listen on; null for every interface
 * @param port the port; 0 picks a free one ({@link HttpServer#port()} tells which)
 * @param unixPath a Unix-domain socket to listen on instead of host and port; null for TCP
 * @param tls TLS server options, or null for plain HTTP; the server adds ALPN {@code http/1.1}
 *     when they name no ALPN protocol
 * @param limits the codec's limits on request lines and header fields
 * @param headerTimeout how long a client may take to send a request head once the connection
 *     is idle and it started one (or, on a new connection, from the accept): 408, then close
 * @param keepAliveTimeout how long an idle keep-alive connection stays open with no request
 * @param shutdownGrace how long {@link HttpServer#close()} lets in-flight requests finish
 * @param accessLog whether to log each request to the {@code io.jasyncio.http.access} logger
 * @param serverName the {@code Server} field value; null sends none
 * @param backlog the listen queue length
 * @param bodyBufferLimit how many received bytes a connection holds before it stops reading
 *     from the socket until the handler reads (backpressure; also bounds pipelined requests)
 * @param discardLimit the largest unread request body (declared length) the server reads and
 *     throws away to keep the connection alive; a longer or chunked one closes the connection
 */
public record ServerConfig(String host, int port, Path unixPath, TlsOptions tls, CodecLimits limits,
                           Duration headerTimeout, Duration keepAliveTimeout, Duration shutdownGrace,
                           boolean accessLog, String serverName, int backlog, int bodyBufferLimit,
                           long discardLimit) {
    /**
     * Every interface, port 8080 (as aiohttp), plain HTTP, the codec's default limits, a
     * 10 s header timeout, 75 s keep-alive (as nginx and aiohttp), 10 s shutdown grace, no
     * access log, {@code Server: jasyncio}, backlog 128, 64 KiB body buffer, 64 KiB discard.
     */
    public static final ServerConfig DEFAULTS = new ServerConfig(null, 8080, null, null, CodecLimits.DEFAULTS,
            Duration.ofSeconds(10), Duration.ofSeconds(75), Duration.ofSeconds(10), false, "jasyncio", 128,
            64 * 1024, 64 * 1024);

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code limits} or a duration is null
     * @throws IllegalArgumentException if the port is out of range, a duration is not positive
     *     (the grace may be zero), or a size is not positive
     */
    public ServerConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        if (!headerTimeout.isPositive() || !keepAliveTimeout.isPositive() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive and the grace not negative: header "
                    + headerTimeout + ", keep-alive " + keepAliveTimeout + ", grace " + shutdownGrace);
        }
        if (backlog <= 0 || bodyBufferLimit <= 0 || discardLimit < 0) {
            throw new IllegalArgumentException("backlog and bodyBufferLimit must be positive, discardLimit not negative");
        }
        if (tls != null && tls.alpnProtocols().isEmpty()) {
            tls = tls.withAlpn(List.of("http/1.1"));
        }
    }

    /** This config listening on {@code host} (null: every interface). */
    public ServerConfig withHost(String host) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /**
     * This config listening on {@code port} (0: a free one).
     *
     * @throws IllegalArgumentException if out of range
     */
    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /** This config listening on the Unix-domain socket {@code path} (null: TCP again). */
    public ServerConfig withUnixPath(Path path) {
        return new ServerConfig(host, port, path, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /**
     * This config serving HTTPS with {@code tls} (null: plain HTTP). ALPN {@code http/1.1} is
     * added when {@code tls} names no ALPN protocol.
     *
     * @throws IllegalArgumentException if {@code tls} is for the client side
     */
    public ServerConfig withTls(TlsOptions tls) {
        if (tls != null && !tls.serverSide()) {
            throw new IllegalArgumentException("a server needs server-side TlsOptions (TlsOptions.server)");
        }
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /** This config with the codec limits {@code limits}. */
    public ServerConfig withLimits(CodecLimits limits) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /**
     * This config with {@code timeout} for reading a request head.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ServerConfig withHeaderTimeout(Duration timeout) {
        return new ServerConfig(host, port, unixPath, tls, limits, timeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /**
     * This config closing keep-alive connections idle for {@code timeout}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ServerConfig withKeepAliveTimeout(Duration timeout) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, timeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /**
     * This config giving in-flight requests {@code grace} to finish on shutdown.
     *
     * @throws IllegalArgumentException if negative
     */
    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, grace,
                accessLog, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /** This config with the access log on or off. */
    public ServerConfig withAccessLog(boolean on) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                on, serverName, backlog, bodyBufferLimit, discardLimit);
    }

    /** This config sending {@code name} as the {@code Server} field (null: none). */
    public ServerConfig withServerName(String name) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, name, backlog, bodyBufferLimit, discardLimit);
    }

    /**
     * This config with a listen queue of {@code n}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ServerConfig withBacklog(int n) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, n, bodyBufferLimit, discardLimit);
    }

    /**
     * This config holding at most {@code bytes} received bytes per connection before it pauses
     * reading.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ServerConfig withBodyBufferLimit(int bytes) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bytes, discardLimit);
    }

    /**
     * This config discarding unread request bodies of up to {@code bytes} to keep connections
     * alive (0: always close instead).
     *
     * @throws IllegalArgumentException if negative
     */
    public ServerConfig withDiscardLimit(long bytes) {
        return new ServerConfig(host, port, unixPath, tls, limits, headerTimeout, keepAliveTimeout, shutdownGrace,
                accessLog, serverName, backlog, bodyBufferLimit, bytes);
    }
}
