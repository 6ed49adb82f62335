package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.QueryParams;

/**
 * What one request adds to or overrides from its {@link ClientSession}'s defaults: header fields,
 * query parameters, a body, timeouts, and redirect and status handling (aiohttp's keyword
 * arguments to {@code session.request}). Immutable: each method returns a changed copy, so one
 * options value can be shared by many requests.
 *
 * {@snippet :
 * RequestOptions opts = RequestOptions.of()
 *         .header("Accept", "application/json")
 *         .query("page", "2")
 *         .timeouts(ClientTimeouts.DEFAULTS.withTotal(Duration.ofSeconds(10)))
 *         .allowRedirects(false);
 * ClientResponse r = session.request(Method.GET, "/users", opts);
 * }
 */
public final class RequestOptions {
    private static final RequestOptions EMPTY = new RequestOptions(new Headers(0), QueryParams.EMPTY, null, null, true, -1, null);

    private final Headers headers;
    private final QueryParams query;
    private final Payload body;
    private final ClientTimeouts timeouts;
    private final boolean allowRedirects;
    private final int maxRedirects;
    private final Boolean raiseForStatus;

    private RequestOptions(Headers headers, QueryParams query, Payload body, ClientTimeouts timeouts,
                           boolean allowRedirects, int maxRedirects, Boolean raiseForStatus) {
        this.headers = headers;
        this.query = query;
        this.body = body;
        this.timeouts = timeouts;
        this.allowRedirects = allowRedirects;
        this.maxRedirects = maxRedirects;
        this.raiseForStatus = raiseForStatus;
    }

    /** No additions: the session's defaults apply. */
    public static RequestOptions of() {
        return EMPTY;
    }

    /**
     * These options plus the header field {@code name: value}. A name given here replaces the
     * session's default header of that name (all its values) for this request.
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public RequestOptions header(String name, String value) {
        Headers h = headers.copy();
        h.add(name, value);
        return new RequestOptions(h, query, body, timeouts, allowRedirects, maxRedirects, raiseForStatus);
    }

    /** These options plus every field of {@code more}, as {@link #header} adds one. */
    public RequestOptions headers(Headers more) {
        Headers h = headers.copy();
        for (int i = 0; i < more.size(); i++) {
            h.add(more.name(i), more.value(i));
        }
        return new RequestOptions(h, query, body, timeouts, allowRedirects, maxRedirects, raiseForStatus);
    }

    /** These options plus the query parameter {@code name=value}, appended to any the URL has. */
    public RequestOptions query(String name, String value) {
        return query(QueryParams.of(name, value));
    }

    /** These options plus the query parameters {@code more}, appended to any the URL has. */
    public RequestOptions query(QueryParams more) {
        QueryParams.Builder b = query.toBuilder();
        for (var e : more) {
            b.add(e.getKey(), e.getValue());
        }
        return new RequestOptions(headers, b.build(), body, timeouts, allowRedirects, maxRedirects, raiseForStatus);
    }

    /** These options with {@code body} as the request's content (null: none). */
    public RequestOptions body(Payload body) {
        return new RequestOptions(headers, query, body, timeouts, allowRedirects, maxRedirects, raiseForStatus);
    }

    /** These options with {@code timeouts} instead of the session's (null: the session's). */
    public RequestOptions timeouts(ClientTimeouts timeouts) {
        return new RequestOptions(headers, query, body, timeouts, allowRedirects, maxRedirects, raiseForStatus);
    }

    /** Whether redirects are followed (default true); when false a 3xx response is returned as it is. */
    public RequestOptions allowRedirects(boolean allow) {
        return new RequestOptions(headers, query, body, timeouts, allow, maxRedirects, raiseForStatus);
    }

    /**
     * How many redirects this request follows before it fails with
     * {@link TooManyRedirectsException}, instead of the session's.
     *
     * @throws IllegalArgumentException if negative
     */
    public RequestOptions maxRedirects(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxRedirects " + max + ": 0 or more");
        }
        return new RequestOptions(headers, query, body, timeouts, allowRedirects, max, raiseForStatus);
    }

    /** Whether a 4xx/5xx status throws {@link ClientResponseException}, instead of the session's choice. */
    public RequestOptions raiseForStatus(boolean raise) {
        return new RequestOptions(headers, query, body, timeouts, allowRedirects, maxRedirects, raise);
    }

    /** The header fields added (a copy). */
    public Headers headers() {
        return headers.copy();
    }

    /** The query parameters added. */
    public QueryParams query() {
        return query;
    }

    /** The body, or null. */
    public Payload body() {
        return body;
    }

    /** The timeouts, or null for the session's. */
    public ClientTimeouts timeouts() {
        return timeouts;
    }

    /** Whether redirects are followed. */
    public boolean allowRedirects() {
        return allowRedirects;
    }

    /** The redirect limit, or -1 for the session's. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** Whether a 4xx/5xx status throws, or null for the session's choice. */
    public Boolean raiseForStatus() {
        return raiseForStatus;
    }

    Headers headersView() {
        return headers;
    }

    @Override
    public String toString() {
        return "RequestOptions(headers=" + headers.size() + ", query=" + query + ", body=" + body + ", timeouts=" + timeouts
                + ", allowRedirects=" + allowRedirects + ", maxRedirects=" + maxRedirects + ", raiseForStatus=" + raiseForStatus + ")";
    }
}
