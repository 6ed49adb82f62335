package io.jasyncio.http.client;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Redirects}, sans-IO: which method and body each status leads to, and what crosses origins. */
class SessionRedirectsTest {
    private static Redirects.Hop hop(Method m, Payload body) {
        Headers h = Headers.of("Authorization", "Bearer t", "Cookie", "a=1", "X-Keep", "k");
        if (body != null) {
            h.set("Content-Type", body.contentType());
        }
        return new Redirects.Hop(m, ClientUrls.resolve(null, "http://h:1/dir/page"), h, body);
    }

    @Test
    void seeOtherAndPostAfter301Or302BecomeAGetWithoutBody() throws Exception {
        Payload b = Payload.text("x");
        for (int status : new int[] {301, 302, 303}) {
            Redirects.Hop next = Redirects.next(hop(Method.POST, b), status, "", "other", new Headers());
            assertEquals(Method.GET, next.method(), "" + status);
            assertNull(next.body());
            assertNull(next.headers().get("Content-Type"));
            assertEquals("http://h:1/dir/other", next.url().toString());
        }
        assertEquals(Method.GET, Redirects.next(hop(Method.PUT, b), 303, "", "/x", new Headers()).method());
        assertEquals(Method.HEAD, Redirects.next(hop(Method.HEAD, null), 303, "", "/x", new Headers()).method());
    }

    @Test
    void temporaryAndPermanentRedirectsKeepMethodAndBody() throws Exception {
        Payload b = Payload.text("x");
        for (int status : new int[] {307, 308}) {
            Redirects.Hop next = Redirects.next(hop(Method.POST, b), status, "", "/y", new Headers());
            assertEquals(Method.POST, next.method());
            assertSame(b, next.body());
            assertEquals("text/plain; charset=utf-8", next.headers().get("Content-Type"));
        }
        Redirects.Hop put = Redirects.next(hop(Method.PUT, b), 301, "", "/y", new Headers());
        assertEquals(Method.PUT, put.method());
        assertSame(b, put.body());
    }

    @Test
    void aStreamedBodyThatMustBeResentFailsClearly() {
        Payload stream = Payload.stream(List.of(ByteBuffer.wrap(new byte[] {1})));
        ClientResponseException e = assertThrows(ClientResponseException.class,
                () -> Redirects.next(hop(Method.POST, stream), 307, "Temporary Redirect", "/y", new Headers()));
        assertEquals(307, e.status());
        assertTrue(e.getMessage().contains("can be sent once"), e.getMessage());
        assertDoesNotThrow(() -> Redirects.next(hop(Method.POST, stream), 303, "", "/y", new Headers()));
    }

    @Test
    void credentialsStayWithinTheOrigin() throws Exception {
        Redirects.Hop same = Redirects.next(hop(Method.GET, null), 302, "", "http://H:1/z", new Headers());
        assertEquals("Bearer t", same.headers().get("Authorization"));
        assertEquals("a=1", same.headers().get("Cookie"));
        for (String other : new String[] {"http://h:2/z", "https://h:1/z", "http://g:1/z"}) {
            Redirects.Hop next = Redirects.next(hop(Method.GET, null), 302, "", other, new Headers());
            assertNull(next.headers().get("Authorization"), other);
            assertNull(next.headers().get("Cookie"), other);
            assertEquals("k", next.headers().get("X-Keep"));
        }
    }

    @Test
    void aLocationThatIsNotHttpIsAnError() {
        ClientResponseException e = assertThrows(ClientResponseException.class,
                () -> Redirects.next(hop(Method.GET, null), 302, "Found", "ftp://x/", Headers.of("Location", "ftp://x/")));
        assertEquals(302, e.status());
        assertEquals("Found", e.reason());
        assertEquals("ftp://x/", e.headers().get("Location"));
        assertTrue(Redirects.isRedirect(308));
        assertFalse(Redirects.isRedirect(304));
    }
}
