package io.jasyncio.http.client.pool;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import io.jasyncio.http.client.ClientListener;
import io.jasyncio.http.client.ClientTimeoutException;
import io.jasyncio.http.client.ClientTimeouts;
import io.jasyncio.http.client.ConnectTimeoutException;
import io.jasyncio.http.client.FirstByteTimeoutException;
import io.jasyncio.http.client.Origin;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.http.client.PoolStatistics;
import io.jasyncio.http.client.PoolTimeoutException;
import io.jasyncio.http.client.Proxy;
import io.jasyncio.http.client.ReadTimeoutException;
import io.jasyncio.http.client.ServerDisconnectedException;
import io.jasyncio.http.client.TotalTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's public value types, options and exceptions, through the public API only. */
class PoolTypesTest {
    @Test
    void clientTimeoutsHaveAiohttpLikeDefaultsWithersAndChecks() {
        ClientTimeouts d = ClientTimeouts.DEFAULTS;
        assertEquals(Duration.ofMinutes(5), d.total());
        assertEquals(Duration.ofSeconds(30), d.connect());
        assertNull(d.poolAcquire());
        assertNull(d.firstByte());
        assertNull(d.readIdle());
        ClientTimeouts t = ClientTimeouts.NONE.withTotal(Duration.ofSeconds(1)).withConnect(Duration.ofSeconds(2))
                .withPoolAcquire(Duration.ofSeconds(3)).withFirstByte(Duration.ofSeconds(4)).withReadIdle(Duration.ofSeconds(5));
        assertEquals(new ClientTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(5)), t);
        assertNull(t.withTotal(null).total());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withReadIdle(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("readIdle timeout must be positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withConnect(Duration.ofSeconds(-1)));
    }

    @Test
    void eachTimeoutExceptionNamesItselfAndItsLimit() {
        Throwable cause = new RuntimeException("cause");
        List<ClientTimeoutException> all = List.of(
                new TotalTimeoutException(Duration.ofMinutes(5), "reading the body", cause),
                new ConnectTimeoutException(Duration.ofSeconds(30), "connecting to example.com:443", null),
                new PoolTimeoutException(Duration.ofMillis(250), "waiting for a connection", null),
                new FirstByteTimeoutException(Duration.ofMillis(1500), "waiting for the head", null),
                new ReadTimeoutException(Duration.ofNanos(5000), "reading", null));
        assertEquals(List.of("total timeout (300 s) expired reading the body",
                "connect timeout (30 s) expired connecting to example.com:443",
                "pool acquire timeout (250 ms) expired waiting for a connection",
                "first byte timeout (1.5 s) expired waiting for the head",
                "read idle timeout (5 µs) expired reading"), all.stream().map(Throwable::getMessage).toList());
        assertEquals(List.of("total", "connect", "pool acquire", "first byte", "read idle"),
                all.stream().map(ClientTimeoutException::which).toList());
        assertEquals(Duration.ofMillis(250), all.get(2).limit());
        assertSame(cause, all.getFirst().getCause());
        for (ClientTimeoutException e : all) {
            assertInstanceOf(AsyncTimeoutException.class, e);
        }
    }

    @Test
    void serverDisconnectedIsAnIoExceptionWithOrWithoutCause() {
        IOException cause = new IOException("reset");
        ServerDisconnectedException a = new ServerDisconnectedException("gone");
        ServerDisconnectedException b = new ServerDisconnectedException("gone", cause);
        assertEquals("gone", a.getMessage());
        assertNull(a.getCause());
        assertSame(cause, b.getCause());
        assertInstanceOf(IOException.class, a);
    }

    @Test
    void originsComeFromUrlsWithDefaultPortsAndIpv6() {
        Origin o = Origin.of(Url.parseTarget("https://Example.COM/x?y"));
        assertEquals(new Origin("https", "example.com", 443), o);
        assertTrue(o.secure());
        assertEquals("example.com", o.authority());
        assertEquals("example.com:443", o.hostPort());
        assertEquals("https://example.com", o.toString());
        Origin v6 = Origin.of(Url.parseTarget("http://[::1]:8080/"));
        assertEquals("::1", v6.host());
        assertEquals(8080, v6.port());
        assertFalse(v6.secure());
        assertEquals("[::1]:8080", v6.authority());
        assertEquals("http://[::1]:8080", v6.toString());
        assertEquals(new Origin("http", "h", 80), Origin.parse("http", "h:"));
        assertEquals(80, Origin.defaultPort("http"));
        assertEquals(443, Origin.defaultPort("HTTPS"));
        assertThrows(IllegalArgumentException.class, () -> Origin.parse("http", "h:x"));
        assertThrows(IllegalArgumentException.class, () -> new Origin("ftp", "h", 21));
        assertThrows(IllegalArgumentException.class, () -> new Origin("http", "h", 0));
        assertThrows(IllegalArgumentException.class, () -> Origin.of(Url.parseTarget("/relative")));
    }

    @Test
    void proxiesAreHttpUrlsWithOptionalBasicCredentials() {
        Proxy p = Proxy.of("http://proxy.test:3128");
        assertNull(p.authorization());
        assertEquals(new Origin("http", "proxy.test", 3128), p.origin());
        assertEquals("Basic dXNlcjpwYXNz", p.withBasicAuth("user", "pass").authorization());
        assertThrows(IllegalArgumentException.class, () -> Proxy.of("https://proxy.test"));
    }

    @Test
    void poolOptionsHaveDefaultsWithersAndChecks() throws Exception {
        PoolOptions d = PoolOptions.DEFAULTS;
        assertEquals(100, d.limit());
        assertEquals(0, d.limitPerHost());
        assertEquals(Duration.ofSeconds(15), d.keepAliveTimeout());
        assertEquals(Duration.ofSeconds(10), d.dnsCacheTtl());
        assertEquals(Duration.ofMillis(250), d.happyEyeballsDelay());
        assertNull(d.sslContext());
        assertTrue(d.verifyHostname());
        assertNull(d.proxy());
        SSLContext ctx = SSLContext.getDefault();
        Proxy p = Proxy.of("http://p:1");
        PoolOptions o = d.withLimit(5).withLimitPerHost(2).withKeepAliveTimeout(null).withDnsCacheTtl(Duration.ZERO)
                .withHappyEyeballsDelay(null).withSslContext(ctx).withVerifyHostname(false).withProxy(p);
        assertEquals(new PoolOptions(5, 2, null, Duration.ZERO, null, ctx, false, p), o);
        assertThrows(IllegalArgumentException.class, () -> d.withLimit(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLimitPerHost(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withKeepAliveTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.withDnsCacheTtl(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withHappyEyeballsDelay(Duration.ofSeconds(-1)));
    }

    @Test
    void poolStatisticsIsAPlainRecord() {
        PoolStatistics s = new PoolStatistics(3, 1, 2, 4);
        assertEquals(3, s.open());
        assertEquals(1, s.idle());
        assertEquals(2, s.inUse());
        assertEquals(4, s.waiting());
    }

    @Test
    void theListenerDefaultsDoNothing() throws Exception {
        ClientListener l = ClientListener.NONE;
        Url u = Url.parseTarget("http://h/");
        Origin o = Origin.of(u);
        l.requestStart(Method.GET, u, new Headers());
        l.requestEnd(Method.GET, u, 200);
        l.requestFailed(Method.GET, u, new IOException());
        l.redirect(Method.GET, u, u, 302);
        l.poolWaitStart(o);
        l.poolWaitEnd(o);
        l.dnsStart("h");
        l.dnsEnd("h", List.of(InetAddress.getLoopbackAddress()), false);
        l.tlsStart("h");
        l.tlsEnd("h", "TLSv1.3");
        l.connectionCreated(o, new InetSocketAddress(InetAddress.getLoopbackAddress(), 80));
        l.connectionReused(o, new InetSocketAddress(InetAddress.getLoopbackAddress(), 80));
    }
}
