package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test certificate fixture: names, trust, PEM export, and that identities are made once. */
class SelfSignedCertificatesTest {
    @Test
    void theLocalhostCertificateNamesLocalhostAndTheLoopbackAddress() throws Exception {
        X509Certificate c = SelfSignedCertificates.localhost().certificate();
        assertEquals("CN=localhost", c.getSubjectX500Principal().getName());
        Set<String> sans = c.getSubjectAlternativeNames().stream()
                .map(l -> String.valueOf(((List<?>) l).get(1))).collect(Collectors.toSet());
        assertEquals(Set.of("localhost", "127.0.0.1"), sans);
        c.checkValidity();
        c.verify(c.getPublicKey()); // self-signed
    }

    @Test
    void identitiesAreMadeOnceAndDiffer() {
        assertSame(SelfSignedCertificates.localhost(), SelfSignedCertificates.localhost());
        assertNotEquals(SelfSignedCertificates.localhost().certificate(),
                SelfSignedCertificates.stranger().certificate());
    }

    @Test
    void contextsAreTlsContexts() {
        assertNotNull(SelfSignedCertificates.localhost().serverContext().createSSLEngine());
        assertEquals("TLSv1.2", SelfSignedCertificates.trusting("TLSv1.2").getProtocol());
        assertEquals("TLS", SelfSignedCertificates.trusting(SelfSignedCertificates.localhost()).getProtocol());
    }

    @Test
    void pemFilesRoundTripToTheSameCertificateAndKey(@TempDir Path dir) throws Exception {
        SelfSignedCertificates.Identity id = SelfSignedCertificates.localhost();
        Path[] files = id.writePem(dir);
        try (var in = Files.newInputStream(files[0])) {
            assertEquals(id.certificate(), CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        String pem = Files.readString(files[1]);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertEquals(id.privateKey(), KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }
}
