package io.jasyncio.stream.tls;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.stream.SelfSignedCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** {@link TlsOptions}: asyncio's defaults, argument checks, and the engine it sets up. */
class TlsOptionsTest {
    static SSLContext trusting() {
        return SelfSignedCertificates.trusting(SelfSignedCertificates.localhost());
    }

    @Test
    void clientDefaultsAreAsyncios() {
        TlsOptions o = TlsOptions.client(trusting(), "example.com");
        assertFalse(o.serverSide());
        assertTrue(o.verifyHostname());
        assertEquals("example.com", o.serverHostname());
        assertEquals(List.of(), o.alpnProtocols());
        assertEquals(Duration.ofSeconds(60), o.handshakeTimeout());
        assertEquals(Duration.ofSeconds(30), o.shutdownTimeout());
    }

    @Test
    void serverOptionsNeedAContext() {
        assertThrows(NullPointerException.class, () -> TlsOptions.server(null));
        TlsOptions o = TlsOptions.server(SelfSignedCertificates.localhost().serverContext());
        assertTrue(o.serverSide());
        assertFalse(o.newEngine().getUseClientMode());
    }

    @Test
    void timeoutsMustBePositive() {
        TlsOptions o = TlsOptions.client(trusting(), "h");
        assertThrows(IllegalArgumentException.class, () -> o.withHandshakeTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> o.withShutdownTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> o.withShutdownTimeout(null));
        assertEquals(Duration.ofSeconds(5), o.withShutdownTimeout(Duration.ofSeconds(5)).shutdownTimeout());
    }

    @Test
    void theAlpnListIsCopiedAndEmptyNamesAreRejected() {
        List<String> names = new ArrayList<>(List.of("h2"));
        TlsOptions o = TlsOptions.client(trusting(), "h").withAlpn(names);
        names.add("http/1.1");
        assertEquals(List.of("h2"), o.alpnProtocols());
        assertThrows(IllegalArgumentException.class, () -> o.withAlpn(List.of("")));
    }

    @Test
    void aClientEngineVerifiesTheHostnameSendsSniAndOffersAlpn() {
        SSLEngine e = TlsOptions.client(trusting(), "localhost").withAlpn(List.of("h2", "http/1.1")).newEngine();
        SSLParameters p = e.getSSLParameters();
        assertTrue(e.getUseClientMode());
        assertEquals("HTTPS", p.getEndpointIdentificationAlgorithm());
        assertEquals(List.of(new SNIHostName("localhost")), p.getServerNames());
        assertArrayEquals(new String[] {"h2", "http/1.1"}, p.getApplicationProtocols());
        assertEquals("localhost", e.getPeerHost());
    }

    @Test
    void withoutVerificationTheEngineDoesNoEndpointIdentification() {
        SSLEngine e = TlsOptions.client(trusting(), null).withHostnameVerification(false).newEngine();
        assertNull(e.getSSLParameters().getEndpointIdentificationAlgorithm());
    }

    @Test
    void aVerifyingClientWithoutAHostnameIsAnError() {
        TlsOptions o = TlsOptions.client(trusting(), null);
        assertThrows(IllegalArgumentException.class, o::newEngine);
        assertThrows(IllegalArgumentException.class, o.withServerHostname("")::newEngine);
        assertNotNull(o.withServerHostname("localhost").newEngine());
    }

    @Test
    void aNullClientContextMeansTheJdkDefault() {
        SSLEngine e = TlsOptions.client(null, "example.com").newEngine();
        assertTrue(e.getUseClientMode());
    }

    @Test
    void ipLiteralsAreRecognisedAndGetNoSni() {
        assertTrue(TlsOptions.isIpLiteral("127.0.0.1"));
        assertTrue(TlsOptions.isIpLiteral("::1"));
        assertFalse(TlsOptions.isIpLiteral("localhost"));
        assertFalse(TlsOptions.isIpLiteral("a1.example"));
        SSLEngine e = TlsOptions.client(trusting(), "127.0.0.1").newEngine();
        List<?> sni = e.getSSLParameters().getServerNames();
        assertTrue(sni == null || sni.isEmpty(), String.valueOf(sni));
    }
}
