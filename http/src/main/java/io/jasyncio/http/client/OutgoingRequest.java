package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import java.util.Objects;

/**
 * One request as the session hands it to the {@link ConnectionPool}. The pool adds {@code Host}
 * (unless present), {@code Content-Length} or {@code Transfer-Encoding: chunked} from the body,
 * and a proxy's {@code Proxy-Authorization}; it adds nothing else and does not change
 * {@code headers} (it sends a copy).
 *
 * @param method the method
 * @param url the absolute URL ({@code http://host[:port]/path?query})
 * @param headers the headers the session wants sent
 * @param body the content, or null for none
 */
record OutgoingRequest(Method method, Url url, Headers headers, Payload body) {
    OutgoingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        if (url.form() != Url.Form.ABSOLUTE) {
            throw new IllegalArgumentException("an outgoing request needs an absolute URL, got " + url);
        }
    }

    /** The origin-form target: the raw path and query. */
    String originTarget() {
        return url.rawQuery() == null ? url.rawPath() : url.rawPath() + "?" + url.rawQuery();
    }

    /** The absolute-form target a forward proxy needs. */
    String absoluteTarget(Origin origin) {
        return origin + originTarget();
    }

    /**
     * Whether the request may be sent again after a reused connection turned out dead: an
     * idempotent method (RFC 9110 §9.2.2) and no body or a replayable one.
     */
    boolean retryable() {
        return method.isIdempotent() && (body == null || body.replayable());
    }
}
