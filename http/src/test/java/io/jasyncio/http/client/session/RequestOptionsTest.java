package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.Headers;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientTimeouts;
import io.jasyncio.http.client.RequestOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link RequestOptions}: immutable, each method a changed copy. */
class RequestOptionsTest {
    @Test
    void eachMethodReturnsAChangedCopy() {
        RequestOptions base = RequestOptions.of();
        Payload body = Payload.text("x");
        ClientTimeouts t = ClientTimeouts.DEFAULTS.withTotal(Duration.ofSeconds(3));
        RequestOptions o = base.header("A", "1").headers(Headers.of("B", "2", "A", "3"))
                .query("q", "1").query(QueryParams.of("r", "2")).body(body).timeouts(t)
                .allowRedirects(false).maxRedirects(3).raiseForStatus(true);
        assertEquals(0, base.headers().size());
        assertTrue(base.query().isEmpty());
        assertNull(base.body());
        assertNull(base.timeouts());
        assertTrue(base.allowRedirects());
        assertEquals(-1, base.maxRedirects());
        assertNull(base.raiseForStatus());

        assertEquals(java.util.List.of("1", "3"), o.headers().getAll("A"));
        assertEquals("q=1&r=2", o.query().encode());
        assertSame(body, o.body());
        assertSame(t, o.timeouts());
        assertFalse(o.allowRedirects());
        assertEquals(3, o.maxRedirects());
        assertTrue(o.raiseForStatus());
        o.headers().add("C", "mutating the copy");
        assertNull(o.headers().get("C"));
        assertTrue(o.toString().contains("maxRedirects=3"));
    }

    @Test
    void refusesBadValues() {
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.of().maxRedirects(-1));
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.of().header("bad name", "v"));
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.of().header("A", "line\r\nbreak"));
    }
}
