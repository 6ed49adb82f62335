package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.get;
import static io.jasyncio.http.client.PoolTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The tracing hooks fire in the documented order. */
class PoolListenerTest {
    /** Records every event as a short line. */
    static final class Recorder implements ClientListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void requestStart(Method method, Url url, Headers headers) {
            events.add("requestStart " + method + " " + url.rawPath());
        }

        @Override
        public void requestEnd(Method method, Url url, int status) {
            events.add("requestEnd " + status);
        }

        @Override
        public void requestFailed(Method method, Url url, Throwable error) {
            events.add("requestFailed " + error.getClass().getSimpleName());
        }

        @Override
        public void poolWaitStart(Origin origin) {
            events.add("poolWaitStart " + origin.host());
        }

        @Override
        public void poolWaitEnd(Origin origin) {
            events.add("poolWaitEnd " + origin.host());
        }

        @Override
        public void dnsStart(String host) {
            events.add("dnsStart " + host);
        }

        @Override
        public void dnsEnd(String host, List<InetAddress> addresses, boolean cached) {
            events.add("dnsEnd " + host + (cached ? " cached" : ""));
        }

        @Override
        public void connectionCreated(Origin origin, InetSocketAddress remote) {
            events.add("connectionCreated " + origin.host());
        }

        @Override
        public void connectionReused(Origin origin, InetSocketAddress remote) {
            events.add("connectionReused " + origin.host());
        }
    }

    @LoopTest(checkFds = true)
    void aNewAReusedAndAWaitingRequestReportInOrder(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), LOCAL);
            Recorder r = new Recorder();
            DnsCache dns = new DnsCache(Duration.ofSeconds(10), host -> List.of(InetAddress.getByName("127.0.0.1")));
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), r, dns);
            try {
                String url = "http://traced.test:" + server.port();
                Exchange first = pool.send(get(url + "/1"), ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
                Task<String> second = Asyncio.createTask(() -> text(pool.send(get(url + "/2"), ClientTimeouts.DEFAULTS, Long.MAX_VALUE)));
                Asyncio.sleep(Duration.ZERO);
                text(first);
                second.await();
                assertEquals(List.of(
                        "requestStart GET /1", "dnsStart traced.test", "dnsEnd traced.test", "connectionCreated traced.test", "requestEnd 200",
                        "requestStart GET /2", "poolWaitStart traced.test", "poolWaitEnd traced.test", "connectionReused traced.test",
                        "requestEnd 200"), r.events);
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aListenerThatThrowsFailsTheRequestButLeaksNoConnection(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), LOCAL);
            String[] throwIn = {"connectionCreated"};
            ClientListener l = new ClientListener() {
                private void maybe(String where) {
                    if (where.equals(throwIn[0])) {
                        throw new IllegalStateException("hook " + where);
                    }
                }

                @Override
                public void connectionCreated(Origin origin, InetSocketAddress remote) {
                    maybe("connectionCreated");
                }

                @Override
                public void connectionReused(Origin origin, InetSocketAddress remote) {
                    maybe("connectionReused");
                }

                @Override
                public void requestEnd(Method method, Url url, int status) {
                    maybe("requestEnd");
                }

                @Override
                public void poolWaitEnd(Origin origin) {
                    maybe("poolWaitEnd");
                }
            };
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), l);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/";
                assertThrows(IllegalStateException.class, () -> pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                throwIn[0] = "requestEnd";
                assertThrows(IllegalStateException.class, () -> pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                throwIn[0] = "";
                assertEquals("x", text(pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE)));
                throwIn[0] = "connectionReused";
                assertThrows(IllegalStateException.class, () -> pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                throwIn[0] = "poolWaitEnd";
                Exchange held = pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
                Task<Exchange> waiter = Asyncio.createTask(() -> pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                Asyncio.sleep(Duration.ZERO);
                text(held);
                IllegalStateException e = assertThrows(IllegalStateException.class, waiter::await);
                assertEquals("hook poolWaitEnd", e.getMessage());
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aFailedRequestReportsRequestFailed(LoopHarness h) {
        h.runBounded(() -> {
            Recorder r = new Recorder();
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, r);
            try {
                assertThrows(java.net.ConnectException.class,
                        () -> pool.send(get("http://127.0.0.2:9/x"), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                assertEquals(List.of("requestStart GET /x", "requestFailed ConnectionRefusedException"), r.events);
            } finally {
                pool.close();
            }
        });
    }
}
