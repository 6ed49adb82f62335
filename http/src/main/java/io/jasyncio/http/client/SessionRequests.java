package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.http.Headers;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import io.jasyncio.http.codec.ResponseHead;
import io.jasyncio.http.ws.WebSocket;
import io.jasyncio.http.ws.WebSocketClient;
import io.jasyncio.http.ws.WebSocketOptions;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ClientSession} does for each request once its options are resolved: the headers
 * (session defaults, the request's, {@code Accept-Encoding}, cookies from the jar), the per-host
 * rate limit, the exchange through the pool, cookies stored from the response, the redirect chain
 * under one total deadline, and the {@link ClientResponse} with its content decoder. Also the
 * WebSocket handshake. Holds no per-request state: each request runs in its caller's task.
 */
final class SessionRequests {
    private final ConnectionPool pool;
    private final Headers defaultHeaders;
    /** The defaults plus what the session adds itself: the headers of a request that gives none. */
    private final Headers requestDefaults;
    private final ClientTimeouts timeouts;
    private final CookieJar cookieJar;
    private final ClientListener listener;
    private final RateLimiter rateLimiter;
    private final JsonCodec jsonCodec;
    private final boolean autoDecompress;

    SessionRequests(ConnectionPool pool, Headers defaultHeaders, ClientTimeouts timeouts, CookieJar cookieJar,
                    ClientListener listener, RateLimiter rateLimiter, JsonCodec jsonCodec, boolean autoDecompress) {
        this.pool = pool;
        this.defaultHeaders = defaultHeaders;
        this.timeouts = timeouts;
        this.cookieJar = cookieJar;
        this.listener = listener;
        this.rateLimiter = rateLimiter;
        this.jsonCodec = jsonCodec;
        this.autoDecompress = autoDecompress;
        Headers d = defaultHeaders.copy();
        if (autoDecompress && !d.contains("Accept-Encoding")) {
            d.set("Accept-Encoding", "gzip, deflate");
        }
        this.requestDefaults = d;
    }

    ClientTimeouts timeouts() {
        return timeouts;
    }

    /** The upgrade GET, then the connection handed to a client {@link WebSocket}. */
    WebSocket websocket(Url target, WebSocketOptions options) throws IOException {
        WebSocketClient.Start start = WebSocketClient.start(options);
        Headers headers = defaultHeaders.copy();
        for (int i = 0; i < start.headers().size(); i++) {
            headers.set(start.headers().name(i), start.headers().value(i));
        }
        Redirects.Hop hop = new Redirects.Hop(Method.GET, target, headers, null);
        if (rateLimiter != null) {
            rateLimiter.acquire(ClientUrls.origin(target));
        }
        long deadline = ConnectionPool.deadlineAfter(Asyncio.time(), timeouts.total());
        Exchange exchange = pool.send(new OutgoingRequest(Method.GET, target, withCookies(hop), null), timeouts, deadline);
        ResponseHead head = exchange.head();
        if (cookieJar != null) {
            cookieJar.store(target, head.headers(), System.currentTimeMillis());
        }
        if (head.status() != 101) {
            exchange.release();
            throw new WsHandshakeException(head.status(), "the WebSocket handshake with " + ClientUrls.withoutQuery(target)
                    + " got " + head.status() + " " + head.reason() + " instead of 101 Switching Protocols");
        }
        Exchange.Upgraded up = exchange.upgrade();
        try {
            return WebSocketClient.finish(start, head.status(), head.headers(), up.transport(), up.leftover(), options);
        } catch (WsHandshakeException | RuntimeException e) {
            up.transport().close();
            throw e;
        }
    }

    ClientResponse follow(Redirects.Hop hop, ClientTimeouts t, boolean allowRedirects, int max) throws IOException {
        List<ClientResponse> history = new ArrayList<>();
        List<Url> chain = new ArrayList<>();
        long deadline = Long.MAX_VALUE;
        boolean first = true;
        while (true) {
            if (rateLimiter != null) {
                rateLimiter.acquire(ClientUrls.origin(hop.url()));
            }
            if (first) {
                deadline = ConnectionPool.deadlineAfter(Asyncio.time(), t.total());
                first = false;
            }
            Exchange exchange = pool.send(new OutgoingRequest(hop.method(), hop.url(), withCookies(hop), hop.body()), t, deadline);
            ResponseHead head = exchange.head();
            if (cookieJar != null) {
                cookieJar.store(hop.url(), head.headers(), System.currentTimeMillis());
            }
            ClientResponse response = respond(hop, exchange, head, history);
            String location = head.headers().get("Location");
            if (!allowRedirects || !Redirects.isRedirect(head.status()) || location == null) {
                return response;
            }
            chain.add(hop.url());
            Redirects.Hop next;
            try {
                if (history.size() >= max) {
                    throw new TooManyRedirectsException(max, head.status(), head.reason(), chain);
                }
                next = Redirects.next(hop, head.status(), head.reason(), location, head.headers());
            } finally {
                response.close();
            }
            history.add(response);
            listener.redirect(hop.method(), hop.url(), next.url(), head.status());
            hop = next;
        }
    }

    private ClientResponse respond(Redirects.Hop hop, Exchange exchange, ResponseHead head, List<ClientResponse> history)
            throws IOException {
        ContentDecoder decoder = null;
        String encoding = head.headers().get("Content-Encoding");
        if (autoDecompress && encoding != null && !hop.method().equals(Method.HEAD)) {
            try {
                decoder = ContentDecoder.forEncoding(encoding);
            } catch (IllegalArgumentException e) {
                // an encoding we cannot decode: the body is passed on as it is, as aiohttp does
            }
        }
        EventLoop loop = EventLoop.getRunningLoop();
        ResponseBodyReader reader = new ResponseBodyReader(exchange, decoder, loop);
        ClientResponse response = new ClientResponse(hop.method(), hop.url(), head, history, jsonCodec, reader);
        int st = head.status();
        if (hop.method().equals(Method.HEAD) || st == 204 || st == 304 || head.contentLength() == 0) {
            // no body can follow: give the connection back now, as aiohttp does, so a caller who
            // only looks at the status does not hold it
            response.releaseEmpty();
        }
        return response;
    }

    /**
     * The headers a request goes out with: the session's defaults, the request's (a name given
     * replaces the default), {@code Accept-Encoding}, and {@code contentType} unless one was given.
     * A request that adds nothing gets the session's shared defaults, not a copy: everything
     * downstream (cookies, redirects, the pool) copies before it changes headers.
     */
    Headers mergedHeaders(Headers requestHeaders, String contentType) {
        if (requestHeaders.isEmpty() && (contentType == null || requestDefaults.contains("Content-Type"))) {
            return requestDefaults;
        }
        Headers h = defaultHeaders.copy();
        for (int i = 0; i < requestHeaders.size(); i++) {
            h.remove(requestHeaders.name(i));
        }
        for (int i = 0; i < requestHeaders.size(); i++) {
            h.add(requestHeaders.name(i), requestHeaders.value(i));
        }
        if (autoDecompress && !h.contains("Accept-Encoding")) {
            h.set("Accept-Encoding", "gzip, deflate");
        }
        if (contentType != null && !h.contains("Content-Type")) {
            h.set("Content-Type", contentType);
        }
        return h;
    }

    private Headers withCookies(Redirects.Hop hop) {
        if (cookieJar == null) {
            return hop.headers();
        }
        String jar = cookieJar.header(hop.url(), System.currentTimeMillis());
        if (jar == null) {
            return hop.headers();
        }
        Headers h = hop.headers().copy();
        String own = h.get("Cookie");
        h.set("Cookie", own == null ? jar : own + "; " + jar);
        return h;
    }

}
