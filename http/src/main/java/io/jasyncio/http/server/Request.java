package io.jasyncio.http.server;

import io.jasyncio.http.ContentType;
import io.jasyncio.http.Cookies;
import io.jasyncio.http.FormData;
import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.JsonException;
import io.jasyncio.http.Method;
import io.jasyncio.http.MultipartException;
import io.jasyncio.http.MultipartParser;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.Url;
import io.jasyncio.http.codec.RequestHead;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as its handler sees it: the head the codec parsed, the body as it arrives,
 * and where it came from. Belongs to the handler's task; not thread-safe.
 */
public final class Request {
    /** aiohttp's {@code client_max_size}: the most a buffered read ({@link #bytes}) holds. */
    public static final long DEFAULT_MAX_BODY = 1 << 20;

    private final RequestHead head;
    private final RequestBody body;
    private final InetSocketAddress remoteAddress;
    private long maxBody = DEFAULT_MAX_BODY;
    private String rawPath;
    private String rawQuery;
    private String path;
    private String matchPath;
    private Map<String, String> pathParams = Map.of();
    private Map<String, Object> attributes;
    private QueryParams query;
    private Map<String, String> cookies;
    private ContentType contentType;
    private boolean contentTypeParsed;

    /** For the server and for tests that call handlers directly. */
    Request(RequestHead head, RequestBody body, InetSocketAddress remoteAddress) {
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
        this.remoteAddress = remoteAddress;
    }

    /** The request method. */
    public Method method() {
        return head.method();
    }

    /** The request target exactly as sent (path and query, or absolute-form). */
    public String target() {
        return head.target();
    }

    /**
     * The path of the target as sent, still percent-encoded: the target up to {@code ?} for the
     * origin-form ({@code /a%20b?x=1} gives {@code /a%20b}); the path of an absolute-form target
     * ({@code http://host/a?x} gives {@code /a}, and {@code /} when it has none); {@code *} for
     * the asterisk-form; empty for the authority-form of CONNECT. Split by {@link
     * io.jasyncio.http.Url#parseTarget}; a fragment is ignored.
     *
     * @throws HttpException 400 for an absolute-form target {@code Url} refuses (a scheme other
     *     than http or https)
     */
    public String rawPath() {
        if (rawPath == null) {
            splitTarget();
        }
        return rawPath;
    }

    /** The query string as sent, without the {@code ?} and still encoded; empty when there is none. */
    public String rawQuery() {
        if (rawPath == null) {
            splitTarget();
        }
        return rawQuery;
    }

    private void splitTarget() {
        String target = head.target();
        int hash = target.indexOf('#'); // clients must not send a fragment; one sent is ignored
        Url url;
        try {
            url = Url.parseTarget(hash < 0 ? target : target.substring(0, hash));
        } catch (IllegalArgumentException e) {
            // The codec let it through (it accepts any absolute-form scheme); the router cannot.
            throw new HttpException(400, "bad request target");
        }
        rawPath = url.rawPath() == null ? "" : url.rawPath();
        rawQuery = url.rawQuery() == null ? "" : url.rawQuery();
    }

    /**
     * The path, percent-decoded as UTF-8 ({@code /a%20b} gives {@code /a b}; {@code +} stays a
     * plus). Dot-segments are not removed. See {@link #rawPath} for the forms of target.
     *
     * @throws HttpException 400 on a bad escape or bytes that are not UTF-8
     */
    public String path() {
        if (path == null) {
            path = PercentDecoding.decode(rawPath(), false);
        }
        return path;
    }

    /** The path routes are matched against: decoded except {@code %2F} and {@code %25}. */
    String matchPath() {
        if (matchPath == null) {
            matchPath = PercentDecoding.decode(rawPath(), true);
        }
        return matchPath;
    }

    /** The parameters the route's path template captured, decoded; empty before routing. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    void setPathParams(Map<String, String> params) {
        pathParams = params;
    }

    /**
     * The path parameter {@code name} ({@code id} in {@code /users/{id}}), decoded.
     *
     * @throws IllegalArgumentException if the route's template has no such parameter (a bug in
     *     the handler, so a 500)
     */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no path parameter \"" + name + "\" in this route; it has " + pathParams.keySet());
        }
        return v;
    }

    /**
     * The path parameter {@code name} as a {@code type}: String, Integer, Long, Double, Boolean
     * ({@code true}/{@code false}), UUID or an enum (by constant name, case-insensitive as a
     * fallback); the primitive classes work too.
     *
     * @throws HttpException 400 if the value is not a valid {@code type}
     * @throws IllegalArgumentException if there is no such parameter, or no conversion to
     *     {@code type}
     */
    public <T> T pathParam(String name, Class<T> type) {
        return ParamTypes.convert("path parameter", name, pathParam(name), type);
    }

    /** The attribute set under {@code key} by {@link #setAttribute} (middleware's hand-off), or null. */
    public Object attribute(String key) {
        return attributes == null ? null : attributes.get(key);
    }

    /**
     * The attribute under {@code key} as a {@code type}, or null.
     *
     * @throws ClassCastException if it is set but not a {@code type}
     */
    public <T> T attribute(String key, Class<T> type) {
        return type.cast(attribute(key));
    }

    /**
     * Sets (or, with null, removes) a per-request attribute: how middleware hands values (the
     * authenticated user, a request id) to handlers, as aiohttp's {@code request["key"]}.
     *
     * @return the previous value, or null
     */
    public Object setAttribute(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            return attributes == null ? null : attributes.remove(key);
        }
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return attributes.put(key, value);
    }

    /**
     * The query parameters, decoded (UTF-8, {@code +} as a space; a stray {@code %} stays
     * literal, as browsers and yarl read it), in order, repeats kept.
     *
     * @throws HttpException 400 if there are more than {@link QueryParams#DEFAULT_MAX_PARAMS}
     */
    public QueryParams query() {
        if (query == null) {
            try {
                query = QueryParams.parse(rawQuery());
            } catch (IllegalArgumentException e) {
                throw new HttpException(400, "too many query parameters");
            }
        }
        return query;
    }

    /**
     * The first value of query parameter {@code name}, or null.
     *
     * @throws HttpException 400 as {@link #query()}
     */
    public String query(String name) {
        return query().get(name);
    }

    /**
     * The first value of query parameter {@code name} converted to {@code fallback}'s type, or
     * {@code fallback} when it is absent: {@code request.query("page", 1)}. The types are those of
     * {@link #pathParam(String, Class)}.
     *
     * @throws HttpException 400 if the value is not a valid value of that type
     * @throws IllegalArgumentException if there is no conversion to that type
     */
    @SuppressWarnings("unchecked")
    public <T> T query(String name, T fallback) {
        Objects.requireNonNull(fallback, "fallback (use query(name) for an optional string)");
        String v = query(name);
        return v == null ? fallback : (T) ParamTypes.convert("query parameter", name, v, fallback.getClass());
    }

    /**
     * The first value of query parameter {@code name} as a {@code type}, which the request must
     * carry.
     *
     * @throws HttpException 400 if it is absent or not a valid {@code type}
     * @throws IllegalArgumentException if there is no conversion to {@code type}
     */
    public <T> T requireQuery(String name, Class<T> type) {
        String v = query(name);
        if (v == null) {
            throw new HttpException(400, "query parameter \"" + name + "\" is required");
        }
        return ParamTypes.convert("query parameter", name, v, type);
    }

    /**
     * The cookies of the {@code Cookie} header fields, by name (the first of a repeated name
     * wins; malformed pairs are skipped, as browsers and aiohttp do).
     */
    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = Cookies.parse(head.headers());
        }
        return cookies;
    }

    /** The value of cookie {@code name}, or null. */
    public String cookie(String name) {
        return cookies().get(name);
    }

    /** The parsed {@code Content-Type}, or null when it is absent or malformed. */
    public ContentType contentType() {
        if (!contentTypeParsed) {
            contentType = ContentType.tryParse(head.headers().get("Content-Type")).orElse(null);
            contentTypeParsed = true;
        }
        return contentType;
    }

    /** The {@code charset} parameter of the Content-Type, or null when absent or unknown to the JDK. */
    public Charset charset() {
        ContentType ct = contentType();
        return ct == null ? null : ct.charset().orElse(null);
    }

    /** HTTP/1.0 or HTTP/1.1. */
    public HttpVersion version() {
        return head.version();
    }

    /** The header fields, in order. */
    public Headers headers() {
        return head.headers();
    }

    /** The parsed head, with its framing. */
    public RequestHead head() {
        return head;
    }

    /** The client's address, or null when the transport has none (a Unix socket). */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The body, to stream it. */
    public RequestBody body() {
        return body;
    }

    /** The most bytes {@link #bytes} and the readers built on it hold before answering 413. */
    public long maxBody() {
        return maxBody;
    }

    /**
     * Sets {@link #maxBody} for this request (a route that accepts uploads raises it).
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void setMaxBody(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("maxBody must be >= 0, got " + limit);
        }
        maxBody = limit;
    }

    /**
     * The whole body. Suspends until it has arrived.
     *
     * @throws HttpException 413 if it is longer than {@link #maxBody}
     * @throws IOException if the connection failed before the body ended
     */
    public byte[] bytes() throws IOException {
        return body.readAll(maxBody);
    }

    /**
     * The whole body as text in the Content-Type's charset, UTF-8 when it names none (or one
     * the JDK does not know); malformed bytes become U+FFFD. Suspends.
     *
     * @throws HttpException 413 if it is longer than {@link #maxBody}
     * @throws IOException if the connection failed before the body ended
     */
    public String text() throws IOException {
        Charset cs = charset();
        return new String(bytes(), cs == null ? StandardCharsets.UTF_8 : cs);
    }

    /**
     * The body decoded from JSON into a {@code type} by {@link JsonCodec#defaultCodec()}
     * ({@code Object.class}: maps, lists, strings, numbers, booleans, null). Suspends until the
     * body has arrived; holds at most {@link #maxBody} bytes. A body without a Content-Type is
     * read as JSON too (as aiohttp's {@code request.json()} does).
     *
     * @throws HttpException 415 if the Content-Type is neither {@code application/json} nor a
     *     {@code +json} type, 400 if the body is not JSON or does not fit {@code type}, 413 if it
     *     is too long
     * @throws IOException if the connection failed before the body ended
     */
    public <T> T json(Class<T> type) throws IOException {
        return json(type, JsonCodec.defaultCodec());
    }

    /**
     * The body decoded from JSON into a {@code type} by {@code codec}, as {@link #json(Class)}.
     *
     * @throws HttpException as {@link #json(Class)}
     * @throws IOException if the connection failed before the body ended
     */
    public <T> T json(Class<T> type, JsonCodec codec) throws IOException {
        ContentType ct = contentType();
        if (head.headers().contains("Content-Type")
                && (ct == null || !(ct.matches("application/json") || ct.subtype().endsWith("+json")))) {
            throw new HttpException(415, "expected an application/json body");
        }
        byte[] body = bytes();
        try {
            return codec.decode(body, type);
        } catch (JsonException e) {
            throw new HttpException(400, "the body is not valid JSON for this request: " + e.getMessage());
        }
    }

    /**
     * The body as form fields: {@code application/x-www-form-urlencoded} (in its charset, UTF-8
     * by default), or the fields of {@code multipart/form-data} that are not files (file parts
     * are skipped: read them with {@link #multipart}), aiohttp's {@code request.post()} without
     * the files. Suspends until the body has arrived; holds at most
     * {@link #maxBody} bytes.
     *
     * @throws HttpException 415 for another Content-Type, 413 if the body (for multipart, its
     *     text fields together) is longer than {@link #maxBody}, 400 if it is malformed or has
     *     more than {@link QueryParams#DEFAULT_MAX_PARAMS} fields
     * @throws IOException if the connection failed before the body ended
     */
    public QueryParams form() throws IOException {
        ContentType ct = contentType();
        if (ct != null && ct.matches(FormData.MEDIA_TYPE)) {
            byte[] body = bytes();
            try {
                return FormData.parse(body, ct.charset(StandardCharsets.UTF_8), QueryParams.DEFAULT_MAX_PARAMS);
            } catch (IllegalArgumentException e) {
                throw new HttpException(400, "too many form fields");
            }
        }
        if (ct != null && ct.matches("multipart/form-data")) {
            return multipart().textFields(maxBody);
        }
        throw new HttpException(415, "expected an application/x-www-form-urlencoded or multipart/form-data body");
    }

    /**
     * The body as a {@code multipart/*} stream of parts, read as it arrives (for uploads of any
     * size: {@link #maxBody} does not apply to it, only to {@link MultipartReader.Part#text}).
     * The body can be read once: call this at most once, and not after {@link #bytes} and
     * friends.
     *
     * @throws HttpException 415 unless the Content-Type is {@code multipart/*}, 400 if it has no
     *     valid boundary
     */
    public MultipartReader multipart() {
        ContentType ct = contentType();
        if (ct == null || !ct.type().equals("multipart")) {
            throw new HttpException(415, "expected a multipart body");
        }
        try {
            return new MultipartReader(body, MultipartParser.forContentType(head.headers().get("Content-Type")), maxBody);
        } catch (MultipartException e) {
            throw new HttpException(400, "bad multipart Content-Type: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return head.method() + " " + head.target() + " " + head.version();
    }
}
