package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.Method;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.Url;
import io.jasyncio.http.ws.WebSocket;
import io.jasyncio.http.ws.WebSocketOptions;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * An HTTP/1.1 client with a connection pool, default headers, a cookie jar, redirects, content
 * decoding and timeouts: aiohttp's {@code ClientSession}. Make one per application (or per
 * target service) and share it: its pool is what keeps connections alive between requests and
 * bounds how many sockets are open. Close it with try-with-resources: that closes its
 * connections.
 *
 * {@snippet :
 * try (ClientSession session = ClientSession.builder()
 *         .baseUrl("https://api.example.com/v1/")
 *         .header("Authorization", "Bearer " + token)
 *         .timeouts(ClientTimeouts.DEFAULTS.withTotal(Duration.ofSeconds(30)))
 *         .build()) {
 *     try (ClientResponse r = session.get("users", QueryParams.of("page", "2"))) {
 *         r.raiseForStatus();
 *         List<?> users = r.json(List.class);
 *     }
 *     // how many at a time: at most 50 requests in flight, the pool bounds the sockets
 *     List<String> bodies = Asyncio.mapConcurrently(urls, 50, url -> session.get(url).text());
 * }
 * }
 *
 * <p>A request: the URL is resolved against the base URL (RFC 3986: {@code "users"} under
 * {@code ".../v1/"} is {@code ".../v1/users"}, an absolute URL is taken as it is), query
 * parameters appended; the session's headers, then the request's (a name the request gives
 * replaces the session's), {@code Accept-Encoding: gzip, deflate} when decompressing, cookies
 * from the jar; the body's {@code Content-Type} unless one was given. Then redirects are followed
 * (see {@link #request}), and the response comes back once its head has arrived: the body is read
 * from the {@link ClientResponse}, which must be read to the end or closed (a response that cannot
 * have a body — to HEAD, a 204 or 304, a {@code Content-Length: 0} — is released at once).
 *
 * <p>The total timeout ({@link ClientTimeouts#total()}) is one deadline in loop time from the
 * start of the request: it covers the wait for a connection, every redirect, and the reading of
 * the body, and expires as {@link TotalTimeoutException}. The wait imposed by
 * {@link Builder#rateLimitPerHost} comes before it starts.
 *
 * <p>Loop-confined: create, use and close a session in tasks of one loop. Closing suspends
 * until in-use connections are given back. A session garbage-collected without being closed is
 * reported (System.Logger {@code io.jasyncio.http.client}, WARNING) with the stack where it was
 * created, as aiohttp's "Unclosed client session" (which shows the stack in debug mode only).
 *
 * <p><b>Differs from aiohttp:</b> requests suspend without {@code await}; {@code maxRedirects(0)}
 * fails at the first redirect instead of following any number; credentials in the URL
 * ({@code user:pass@host}) are refused rather than turned into basic auth; a response's charset
 * falls back to UTF-8 (aiohttp 3.9) instead of being guessed from the bytes (3.8).
 */
public final class ClientSession implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Url baseUrl;
    private final boolean raiseForStatus;
    private final int maxRedirects;
    private final JsonCodec jsonCodec;
    private final CookieJar cookieJar;
    private final ConnectionPool pool;
    private final SessionRequests requests;
    private final UnclosedSessionReport unclosed;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    /* Implementation notes: this class resolves a request's options against the session's; the
     * exchanges themselves (headers, cookies, redirects, responses) are SessionRequests'. The
     * Cleaner's action (UnclosedSessionReport) must not reference the session, or the session
     * could never be collected: it only knows where the session was made and whether close() ran. */

    private ClientSession(Builder b) {
        this.baseUrl = b.baseUrl;
        this.raiseForStatus = b.raiseForStatus;
        this.maxRedirects = b.maxRedirects;
        this.jsonCodec = b.jsonCodec;
        this.cookieJar = b.cookieJar;
        this.pool = new ConnectionPool(b.pool, b.listener);
        RateLimiter limiter = b.ratePermits > 0 ? new RateLimiter(b.ratePermits, b.ratePeriod) : null;
        this.requests = new SessionRequests(pool, b.headers.copy(), b.timeouts, b.cookieJar, b.listener, limiter,
                b.jsonCodec, b.autoDecompress);
        this.unclosed = new UnclosedSessionReport();
        this.cleanable = CLEANER.register(this, unclosed);
    }

    /** A builder with aiohttp's defaults: 100 connections, a 5-minute total timeout, a cookie jar, 10 redirects. */
    public static Builder builder() {
        return new Builder();
    }

    /** A session with every default: {@code ClientSession.builder().build()}. */
    public static ClientSession create() {
        return builder().build();
    }

    /**
     * {@code GET url}. Suspends until the response head arrived (see {@link #request}).
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse get(String url) throws IOException {
        return request(Method.GET, url, RequestOptions.of());
    }

    /**
     * {@code GET url} with {@code query} appended to the URL's query.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse get(String url, QueryParams query) throws IOException {
        return request(Method.GET, url, RequestOptions.of().query(query));
    }

    /**
     * {@code GET url} with per-request options.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse get(String url, RequestOptions options) throws IOException {
        return request(Method.GET, url, options);
    }

    /**
     * {@code POST url} with {@code body} (null: none).
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse post(String url, Payload body) throws IOException {
        return request(Method.POST, url, RequestOptions.of().body(body));
    }

    /**
     * {@code POST url} with per-request options (the body among them).
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse post(String url, RequestOptions options) throws IOException {
        return request(Method.POST, url, options);
    }

    /**
     * {@code PUT url} with {@code body} (null: none).
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse put(String url, Payload body) throws IOException {
        return request(Method.PUT, url, RequestOptions.of().body(body));
    }

    /**
     * {@code PUT url} with per-request options.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse put(String url, RequestOptions options) throws IOException {
        return request(Method.PUT, url, options);
    }

    /**
     * {@code PATCH url} with {@code body} (null: none).
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse patch(String url, Payload body) throws IOException {
        return request(Method.PATCH, url, RequestOptions.of().body(body));
    }

    /**
     * {@code PATCH url} with per-request options.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse patch(String url, RequestOptions options) throws IOException {
        return request(Method.PATCH, url, options);
    }

    /**
     * {@code DELETE url}.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse delete(String url) throws IOException {
        return request(Method.DELETE, url, RequestOptions.of());
    }

    /**
     * {@code DELETE url} with per-request options.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse delete(String url, RequestOptions options) throws IOException {
        return request(Method.DELETE, url, options);
    }

    /**
     * {@code HEAD url}. Redirects are followed, as every method here (aiohttp's {@code head}
     * does not follow them by default).
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse head(String url) throws IOException {
        return request(Method.HEAD, url, RequestOptions.of());
    }

    /**
     * {@code HEAD url} with per-request options.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse head(String url, RequestOptions options) throws IOException {
        return request(Method.HEAD, url, options);
    }

    /**
     * {@code OPTIONS url}.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse options(String url) throws IOException {
        return request(Method.OPTIONS, url, RequestOptions.of());
    }

    /**
     * {@code OPTIONS url} with per-request options.
     *
     * @throws IOException as {@link #request}
     */
    public ClientResponse options(String url, RequestOptions options) throws IOException {
        return request(Method.OPTIONS, url, options);
    }

    /**
     * Sends a request and returns its response once the head arrived; a cancellation point.
     * Redirects (301, 302, 303, 307, 308 with a {@code Location}) are followed unless
     * {@link RequestOptions#allowRedirects} is off: 303, and 301/302 after a POST, become a GET
     * without a body; 307/308 (and 301/302 after other methods) resend the method and the body,
     * which must then be replayable; a relative location is resolved; the request's
     * {@code Authorization} and {@code Cookie} headers are not sent to another origin. Each
     * redirect response is closed and kept in {@link ClientResponse#history()}.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL and no base URL
     *     makes it one
     * @throws IllegalStateException if the session is closed
     * @throws TooManyRedirectsException past {@code maxRedirects} redirects
     * @throws ClientResponseException when raise-for-status is on and the status is 400 or more,
     *     or a redirect cannot be followed
     * @throws ClientTimeoutException when one of the timeouts expires (it names which)
     * @throws IOException when the connection fails ({@link ServerDisconnectedException},
     *     {@link io.jasyncio.stream.ConnectionRefusedException}, ...)
     */
    public ClientResponse request(Method method, String url, RequestOptions options) throws IOException {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(options, "options");
        checkOpen();
        Url target = ClientUrls.withQuery(ClientUrls.resolve(baseUrl, url), options.query());
        Payload body = options.body() instanceof JsonBody j ? j.encode(jsonCodec) : options.body();
        Headers headers = requests.mergedHeaders(options.headersView(), body == null ? null : body.contentType());
        ClientTimeouts t = options.timeouts() != null ? options.timeouts() : requests.timeouts();
        int max = options.maxRedirects() >= 0 ? options.maxRedirects() : maxRedirects;
        boolean raise = options.raiseForStatus() != null ? options.raiseForStatus() : raiseForStatus;
        Redirects.Hop hop = new Redirects.Hop(method, target, headers, body);
        ClientResponse r = requests.follow(hop, t, options.allowRedirects(), max);
        if (raise) {
            r.raiseForStatus();
        }
        return r;
    }

    /**
     * Opens a WebSocket (RFC 6455) to {@code url} with {@link WebSocketOptions#DEFAULTS}: aiohttp's
     * {@code ws_connect}. See {@link #websocket(String, WebSocketOptions)}.
     *
     * @throws IOException as {@link #websocket(String, WebSocketOptions)}
     */
    public WebSocket websocket(String url) throws IOException {
        return websocket(url, WebSocketOptions.DEFAULTS);
    }

    /**
     * Opens a WebSocket to {@code url} ({@code ws://}, {@code wss://}, or {@code http(s)://};
     * relative to the base URL like any request): a GET with the upgrade headers, the session's
     * headers and cookies, through the pool (so its limits, timeouts, proxy and TLS settings
     * apply); then the connection leaves the pool and belongs to the returned {@link WebSocket},
     * which must be closed. The session's total timeout bounds the handshake only. Redirects are
     * not followed: a 3xx fails the handshake like any status other than 101.
     *
     * {@snippet :
     * try (WebSocket ws = session.websocket("/chat")) {
     *     ws.send("hello");
     *     for (Message m : ws) {
     *         System.out.println(m);
     *     }
     * }
     * }
     *
     * @throws WsHandshakeException if the server does not complete the handshake (its
     *     {@code status()} is the response's: 200, 403, 426...)
     * @throws ClientTimeoutException when a timeout expires during the handshake
     * @throws IOException when the connection fails
     * @throws IllegalStateException if the session is closed
     */
    public WebSocket websocket(String url, WebSocketOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        checkOpen();
        String u = url.strip();
        String lower = u.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("ws://")) {
            u = "http://" + u.substring(5);
        } else if (lower.startsWith("wss://")) {
            u = "https://" + u.substring(6);
        }
        return requests.websocket(ClientUrls.resolve(baseUrl, u), options);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the ClientSession is closed");
        }
    }

    /** The session's cookie jar, or null when it keeps no cookies. */
    public CookieJar cookieJar() {
        return cookieJar;
    }

    /** The pool's counts: open, idle and in-use connections, and requests waiting for one. */
    public PoolStatistics statistics() {
        return pool.statistics();
    }

    /** The base URL relative request URLs are resolved against, or null. */
    public Url baseUrl() {
        return baseUrl;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the pool: idle connections at once, in-use ones as their responses are released;
     * later requests throw {@link IllegalStateException}. Suspends until done; idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unclosed.closed = true;
        cleanable.clean();
        pool.close();
    }

    @Override
    public String toString() {
        return "ClientSession(" + (baseUrl == null ? "" : baseUrl + ", ") + (closed ? "closed" : "open") + ")";
    }

    /** Configures a {@link ClientSession}; not thread-safe, build once. */
    public static final class Builder {
        private Url baseUrl;
        private final Headers headers = Headers.of("User-Agent", "jasyncio", "Accept", "*/*");
        /** Names the caller set: their first call replaces the default, later calls add values. */
        private final java.util.Set<String> touched = new java.util.HashSet<>();
        private PoolOptions pool = PoolOptions.DEFAULTS;
        private ClientTimeouts timeouts = ClientTimeouts.DEFAULTS;
        private CookieJar cookieJar = new CookieJar();
        private ClientListener listener = ClientListener.NONE;
        private boolean raiseForStatus;
        private int maxRedirects = 10;
        private int ratePermits;
        private java.time.Duration ratePeriod;
        private JsonCodec jsonCodec = JsonCodec.defaultCodec();
        private boolean autoDecompress = true;

        private Builder() {
        }

        /**
         * The URL relative request URLs are resolved against (RFC 3986 §5.2: end a base path with
         * {@code /} to resolve below it); null for none.
         *
         * @throws IllegalArgumentException if it is not an absolute http(s) URL
         */
        public Builder baseUrl(String url) {
            this.baseUrl = url == null ? null : ClientUrls.resolve(null, url);
            return this;
        }

        /**
         * A header sent with every request, replacing the default of that name (the defaults are
         * {@code User-Agent: jasyncio} and {@code Accept: *}{@code /*}); a second call with the same name adds a value.
         *
         * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
         */
        public Builder header(String name, String value) {
            if (!touched.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.remove(name);
                touched.add(name.toLowerCase(java.util.Locale.ROOT));
            }
            headers.add(name, value);
            return this;
        }

        /** {@link #header} for each field of {@code more}. */
        public Builder headers(Headers more) {
            for (int i = 0; i < more.size(); i++) {
                header(more.name(i), more.value(i));
            }
            return this;
        }

        /** The pool's limits, keep-alive, DNS cache, TLS and proxy ({@link PoolOptions#DEFAULTS}). */
        public Builder pool(PoolOptions options) {
            this.pool = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The timeouts of every request unless it gives its own ({@link ClientTimeouts#DEFAULTS}). */
        public Builder timeouts(ClientTimeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** The cookie jar (a fresh {@link CookieJar} by default); null keeps no cookies (aiohttp's {@code DummyCookieJar}). */
        public Builder cookieJar(CookieJar jar) {
            this.cookieJar = jar;
            return this;
        }

        /** The tracing hooks ({@link ClientListener#NONE} by default). */
        public Builder listener(ClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Whether every response with a status of 400 or more throws {@link ClientResponseException} (default false). */
        public Builder raiseForStatus(boolean raise) {
            this.raiseForStatus = raise;
            return this;
        }

        /**
         * How many redirects a request follows before {@link TooManyRedirectsException} (default 10).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects " + max + ": 0 or more");
            }
            this.maxRedirects = max;
            return this;
        }

        /**
         * At most {@code requests} request starts per {@code period} to each origin (scheme, host,
         * port); a request over the rate waits, first come first served. Off by default. This
         * bounds the rate; the pool's limits bound the concurrency.
         *
         * @throws IllegalArgumentException if {@code requests} is below 1 or the period is not positive
         */
        public Builder rateLimitPerHost(int requests, java.time.Duration period) {
            new RateLimiter(requests, period);
            this.ratePermits = requests;
            this.ratePeriod = period;
            return this;
        }

        /** The codec of {@link Payload#json(Object)} and {@link ClientResponse#json} ({@link JsonCodec#defaultCodec()}). */
        public Builder jsonCodec(JsonCodec codec) {
            this.jsonCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Whether to ask for and decode gzip and deflate bodies (default true; aiohttp's
         * {@code auto_decompress}). Off, bodies come as the server sent them.
         */
        public Builder autoDecompress(boolean on) {
            this.autoDecompress = on;
            return this;
        }

        /** The session. Its connections open on the first requests. */
        public ClientSession build() {
            return new ClientSession(this);
        }
    }
}
