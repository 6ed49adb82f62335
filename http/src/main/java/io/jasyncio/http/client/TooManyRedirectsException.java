package io.jasyncio.http.client;

import io.jasyncio.http.Url;
import java.io.Serial;
import java.util.List;

/**
 * A request was redirected more times than the session's or the request's {@code maxRedirects}
 * allows (10 by default, as aiohttp): aiohttp's {@code TooManyRedirects}. {@link #chain()} lists
 * every URL visited, the first request's first; {@link #status()} and {@link #url()} are the last
 * redirect's. Every response on the way was released.
 */
public final class TooManyRedirectsException extends ClientResponseException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<Url> chain;

    /** The last redirect response's {@code status} from {@code chain}'s last URL. */
    public TooManyRedirectsException(int maxRedirects, int status, String reason, List<Url> chain) {
        super("more than " + maxRedirects + " redirects: " + describe(chain), status, reason, chain.getLast(), null);
        this.chain = List.copyOf(chain);
    }

    /** The URLs requested, in order; the last is the one whose redirect was not followed. */
    public List<Url> chain() {
        return chain;
    }

    private static String describe(List<Url> chain) {
        StringBuilder sb = new StringBuilder();
        for (Url u : chain) {
            if (!sb.isEmpty()) {
                sb.append(" -> ");
            }
            sb.append(ClientUrls.withoutQuery(u));
        }
        return sb.toString();
    }
}
