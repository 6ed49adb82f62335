package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientListener;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientResponseException;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.RequestOptions;
import io.jasyncio.http.client.TooManyRedirectsException;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Redirects over the wire: each status, the chain limit, relative locations, and what is dropped across origins. */
class SessionRedirectsTest {
    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void eachRedirectStatusDoesWhatBrowsersDo(LoopHarness h) {
        List<String> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<String> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                for (int code : new int[] {301, 302, 303, 307, 308}) {
                    for (Method m : new Method[] {Method.POST, Method.PUT}) {
                        try (ClientResponse r = s.request(m, "/redirect/" + code, RequestOptions.of().body(Payload.text("payload")))) {
                            Map<?, ?> e = r.json(Map.class);
                            out.add(code + " " + m + " -> " + e.get("method") + " '" + e.get("body") + "' " + r.history().size()
                                    + " " + r.history().getFirst().status() + " " + r.url().rawPath());
                        }
                    }
                }
                try (ClientResponse r = s.get("/redirect/302", RequestOptions.of().allowRedirects(false))) {
                    out.add("no follow " + r.status() + " " + r.headers().get("Location"));
                }
                try (ClientResponse r = s.request(Method.HEAD, "/redirect/303", RequestOptions.of())) {
                    out.add("head " + r.method() + " " + r.status());
                }
            }
            return out;
        }));
        assertEquals(List.of(
                "301 POST -> GET '' 1 301 /echo", "301 PUT -> PUT 'payload' 1 301 /echo",
                "302 POST -> GET '' 1 302 /echo", "302 PUT -> PUT 'payload' 1 302 /echo",
                "303 POST -> GET '' 1 303 /echo", "303 PUT -> GET '' 1 303 /echo",
                "307 POST -> POST 'payload' 1 307 /echo", "307 PUT -> PUT 'payload' 1 307 /echo",
                "308 POST -> POST 'payload' 1 308 /echo", "308 PUT -> PUT 'payload' 1 308 /echo",
                "no follow 302 /echo", "head HEAD 200"), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void tooManyRedirectsNamesTheChain(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            List<String> hops = new ArrayList<>();
            ClientListener listener = new ClientListener() {
                @Override
                public void redirect(Method method, Url from, Url to, int status) {
                    hops.add(status + " " + from.rawPath() + " " + to.rawPath());
                }
            };
            try (ClientSession s = ClientSession.builder().baseUrl(base).listener(listener).build()) {
                TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class, () -> s.get("/loop/0"));
                out.add(e.chain().size());
                out.add(e.chain().getLast().rawPath());
                out.add(e.status());
                out.add(e.getMessage().contains("more than 10 redirects"));
                out.add(hops.size());
                out.add(hops.getFirst());
                try (ClientResponse r = s.get("/loop/0", RequestOptions.of().maxRedirects(11))) {
                    out.add("11 allowed: " + r.status());
                } catch (TooManyRedirectsException again) {
                    out.add("11 allowed: " + again.chain().size());
                }
                TooManyRedirectsException zero = assertThrows(TooManyRedirectsException.class,
                        () -> s.get("/loop/0", RequestOptions.of().maxRedirects(0)));
                out.add(zero.chain().size());
                out.add(s.statistics().inUse());
            }
            return out;
        }));
        assertEquals(List.of(11, "/loop/10", 302, true, 10, "302 /loop/0 /loop/1", "11 allowed: 12", 1, 0), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aStreamedBodyIsNotSilentlyDroppedByA307(LoopHarness h) {
        String got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                ClientResponseException e = assertThrows(ClientResponseException.class,
                        () -> s.post("/redirect/307", Payload.stream(List.of(ByteBuffer.wrap(new byte[] {1})))));
                try (ClientResponse ok = s.post("/redirect/303", Payload.stream(List.of(ByteBuffer.wrap(new byte[] {1}))))) {
                    return e.status() + " " + ok.status() + " " + ok.method();
                }
            }
        }));
        assertEquals("307 200 GET", got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void credentialsAreDroppedAcrossOriginsAndKeptWithin(LoopHarness h) {
        List<String> got = h.runBounded(() -> TestApp.serveTwo(TestApp.app(), TestApp.app(), (a, b) -> {
            List<String> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().build()) {
                RequestOptions creds = RequestOptions.of().header("Authorization", "Bearer secret").header("Cookie", "mine=1");
                for (String to : new String[] {"/echo", a + "/echo", b + "/echo", "//" + b.substring("http://".length()) + "/echo"}) {
                    String url = a + "/redirect/302?to=" + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8);
                    try (ClientResponse r = s.get(url, creds)) {
                        Map<?, ?> e = r.json(Map.class);
                        out.add("'" + e.get("authorization") + "' '" + e.get("cookie") + "'");
                    }
                }
            }
            return out;
        }));
        assertEquals(List.of("'Bearer secret' 'mine=1'", "'Bearer secret' 'mine=1'", "'' ''", "'' ''"), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aLocationThatCannotBeFollowedFailsWithTheResponse(LoopHarness h) {
        Application app = new Application().get("/ftp", r -> Response.redirect(302, "ftp://example.com/file"));
        ClientResponseException e = h.runBounded(() -> TestApp.serve(app, base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                return assertThrows(ClientResponseException.class, () -> s.get("/ftp"));
            }
        }));
        assertEquals(302, e.status());
        assertTrue(e.getMessage().contains("ftp"), e.getMessage());
    }
}
