package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ConnectOptions} and {@link ServerOptions}: defaults as asyncio's, withers, validation. */
class OptionsTest {
    @Test
    void connectOptionsDefaultToInTurnWithoutTimeoutAndChangeOneThingAtATime() {
        ConnectOptions d = ConnectOptions.DEFAULTS;
        assertNull(d.localAddress());
        assertNull(d.happyEyeballsDelay());
        assertNull(d.connectTimeout());
        ConnectOptions he = d.withHappyEyeballs(Duration.ofMillis(250));
        assertEquals(1, he.interleave(), "asyncio sets interleave to 1 with happy eyeballs");
        assertEquals(2, he.withInterleave(2).interleave());
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        assertEquals(local, he.withLocalAddress(local).localAddress());
        assertEquals(Duration.ofSeconds(3), he.withConnectTimeout(Duration.ofSeconds(3)).connectTimeout());
        assertEquals(Duration.ofMillis(250), he.withConnectTimeout(Duration.ofSeconds(3)).happyEyeballsDelay());
        assertThrows(IllegalArgumentException.class, () -> d.withInterleave(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withConnectTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withHappyEyeballs(Duration.ofSeconds(-1)));
    }

    @Test
    void serverOptionsDefaultToAsyncios() {
        ServerOptions d = ServerOptions.DEFAULTS;
        assertEquals(100, d.backlog());
        assertTrue(d.reuseAddress());
        assertFalse(d.reusePort());
        assertTrue(d.startServing());
        assertFalse(d.withReuseAddress(false).reuseAddress());
        assertTrue(d.withReusePort(true).reusePort());
        assertFalse(d.withStartServing(false).startServing());
        assertEquals(5, d.withBacklog(5).backlog());
        assertThrows(IllegalArgumentException.class, () -> d.withBacklog(0));
    }

    @Test
    void withTlsKeepsTheOtherOptionsAndChecksTheSide() {
        var client = io.jasyncio.stream.tls.TlsOptions.client(null);
        assertNull(client.serverHostname(), "the host of the connect call fills it in");
        assertTrue(client.verifyHostname());
        ConnectOptions c = ConnectOptions.DEFAULTS.withConnectTimeout(java.time.Duration.ofSeconds(3)).withTls(client);
        assertSame(client, c.tls());
        assertEquals(java.time.Duration.ofSeconds(3), c.connectTimeout());
        assertNull(ConnectOptions.DEFAULTS.tls());
        assertNull(c.withTls(null).tls());
        var server = io.jasyncio.stream.tls.TlsOptions.server(SelfSignedCertificates.localhost().serverContext());
        ServerOptions s = ServerOptions.DEFAULTS.withBacklog(7).withTls(server);
        assertSame(server, s.tls());
        assertEquals(7, s.backlog());
        assertNull(ServerOptions.DEFAULTS.tls());
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULTS.withTls(server));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.DEFAULTS.withTls(client));
    }
}
