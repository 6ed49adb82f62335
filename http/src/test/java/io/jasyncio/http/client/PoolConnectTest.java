package io.jasyncio.http.client;

import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.fetch;
import static io.jasyncio.http.client.PoolTesting.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New connections: addresses in turn or raced (Happy Eyeballs), refusals, and a TCP connect that hangs. */
class PoolConnectTest {
    /**
     * A listener on 127.0.0.3 that never accepts, its backlog filled: a further SYN is dropped,
     * so a connect to it hangs as one to a silent host does (Linux drops SYNs to a full queue).
     */
    private static final class Blackhole implements AutoCloseable {
        final ServerSocketChannel server;
        final List<SocketChannel> fillers = new ArrayList<>();

        Blackhole() throws IOException {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.3", 0), 1);
            for (int i = 0; i < 4; i++) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(server.getLocalAddress());
                fillers.add(c);
            }
        }

        int port() throws IOException {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            for (SocketChannel c : fillers) {
                c.close();
            }
            server.close();
        }
    }

    private static DnsCache fixed(String... addresses) {
        return new DnsCache(Duration.ofSeconds(10), host -> {
            List<InetAddress> out = new ArrayList<>();
            for (String a : addresses) {
                out.add(InetAddress.getByName(a));
            }
            return out;
        });
    }

    @LoopTest(checkFds = true)
    void aRefusedAddressFallsBackToTheNextOne(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("up"), LOCAL);
            // Nothing listens on 127.0.0.2 at the server's port: refused at once.
            ConnectionPool inTurn = new ConnectionPool(PoolOptions.DEFAULTS.withHappyEyeballsDelay(null), null,
                    fixed("127.0.0.2", "127.0.0.1"));
            ConnectionPool raced = new ConnectionPool(PoolOptions.DEFAULTS, null, fixed("127.0.0.2", "127.0.0.1"));
            try {
                assertEquals("up", fetch(inTurn, "http://two.test:" + server.port() + "/"));
                assertEquals("up", fetch(raced, "http://two.test:" + server.port() + "/"));
            } finally {
                inTurn.close();
                raced.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void whenEveryAddressRefusesTheErrorNamesThemAll(LoopHarness h) {
        h.runBounded(() -> {
            ConnectionPool one = new ConnectionPool(PoolOptions.DEFAULTS, null, fixed("127.0.0.2"));
            ConnectionPool two = new ConnectionPool(PoolOptions.DEFAULTS, null, fixed("127.0.0.2", "127.0.0.4"));
            try {
                ConnectException e = assertThrows(ConnectException.class, () -> fetch(one, "http://nobody.test:9/"));
                assertTrue(e.getMessage().contains("127.0.0.2"), e.getMessage());
                IOException all = assertThrows(IOException.class, () -> fetch(two, "http://nobody.test:9/"));
                assertTrue(all.getMessage().startsWith("could not connect to any of 2 address(es) of nobody.test"), all.getMessage());
                assertTrue(all.getMessage().contains("127.0.0.2:9") && all.getMessage().contains("127.0.0.4:9"), all.getMessage());
                assertEquals(2, all.getSuppressed().length);
                assertEquals(new PoolStatistics(0, 0, 0, 0), two.statistics());
            } finally {
                one.close();
                two.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void happyEyeballsStartsTheNextAddressWhileTheFirstHangs(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("fast"), LOCAL);
            try (Blackhole hole = new Blackhole()) {
                // The same port on both: the hanging address first.
                HttpServer same = server;
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withHappyEyeballsDelay(Duration.ofMillis(50)), null,
                        new DnsCache(Duration.ofSeconds(10), host -> List.of(InetAddress.getByName("127.0.0.3"),
                                InetAddress.getByName("127.0.0.1"))));
                try {
                    ClientTimeouts t = ClientTimeouts.DEFAULTS.withConnect(Duration.ofSeconds(20));
                    long start = h.loop().time();
                    Exchange e = pool.send(get("http://race.test:" + same.port() + "/"), t, Long.MAX_VALUE);
                    assertEquals("fast", PoolTesting.text(e));
                    assertTrue(h.loop().time() - start < Duration.ofSeconds(10).toNanos());
                    assertEquals("127.0.0.1", e.remoteAddress().getAddress().getHostAddress());
                } finally {
                    pool.close();
                }
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aTcpConnectThatHangsRaisesTheConnectTimeout(LoopHarness h) {
        h.runBounded(() -> {
            try (Blackhole hole = new Blackhole()) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Duration limit = Duration.ofMillis(300);
                    ConnectTimeoutException e = assertThrows(ConnectTimeoutException.class, () -> pool.send(
                            get("http://127.0.0.3:" + hole.port() + "/"), ClientTimeouts.DEFAULTS.withConnect(limit), Long.MAX_VALUE));
                    assertEquals("connect timeout (300 ms) expired connecting to 127.0.0.3:" + hole.port(), e.getMessage());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }
}
