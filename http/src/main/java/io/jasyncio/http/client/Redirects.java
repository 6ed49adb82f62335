package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;

/**
 * What a redirect turns a request into, sans-IO (RFC 9110 §15.4 as browsers and aiohttp apply
 * it): 303 makes any method but HEAD a GET without a body; 301 and 302 do so for POST only;
 * 307 and 308 keep the method and the body, which must then be replayable. A relative
 * {@code Location} is resolved against the URL that answered. Across origins (scheme, host or
 * port change) the caller's {@code Authorization} and {@code Cookie} headers are dropped; the
 * cookie jar still adds the cookies it holds for the new origin.
 */
final class Redirects {
    private Redirects() {
    }

    /** One request of a redirect chain. */
    record Hop(Method method, Url url, Headers headers, Payload body) {
    }

    /** Whether {@code status} is one of the redirects the session follows. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request that follows {@code from}'s {@code status} response to {@code location}.
     *
     * @throws ClientResponseException if the location is not an http(s) URL, or the method and
     *     body must be sent again (307, 308; 301/302 for methods other than POST) and the body is
     *     a stream that cannot be
     */
    static Hop next(Hop from, int status, String reason, String location, Headers responseHeaders)
            throws ClientResponseException {
        Url to;
        try {
            to = ClientUrls.resolve(from.url(), location);
        } catch (IllegalArgumentException e) {
            throw new ClientResponseException("cannot follow the " + status + " redirect from "
                    + ClientUrls.withoutQuery(from.url()) + ": " + e.getMessage(), status, reason, from.url(), responseHeaders);
        }
        boolean toGet = status == 303 && !from.method().equals(Method.HEAD)
                || (status == 301 || status == 302) && from.method().equals(Method.POST);
        Headers headers = from.headers().copy();
        Method method = from.method();
        Payload body = from.body();
        if (toGet) {
            method = Method.GET;
            body = null;
            headers.remove("Content-Type");
            headers.remove("Content-Length");
            headers.remove("Transfer-Encoding");
        } else if (body != null && !body.replayable()) {
            throw new ClientResponseException("cannot follow the " + status + " redirect from "
                    + ClientUrls.withoutQuery(from.url()) + " to " + ClientUrls.withoutQuery(to) + ": it must resend the "
                    + method + " body, and " + body + " can be sent once (use a replayable body such as Payload.bytes or"
                    + " Payload.file, or allowRedirects(false))", status, reason, from.url(), responseHeaders);
        }
        if (!ClientUrls.origin(from.url()).equals(ClientUrls.origin(to))) {
            headers.remove("Authorization");
            headers.remove("Cookie");
        }
        return new Hop(method, to, headers, body);
    }
}
