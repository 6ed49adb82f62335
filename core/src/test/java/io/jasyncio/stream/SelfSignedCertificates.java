package io.jasyncio.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time with the JDK's own {@code keytool} (no test
 * dependency, no certificate files in the repository), for TLS tests: in-memory ones and, through
 * {@link Identity#writePem}, peers such as {@code openssl s_server}.
 *
 * <p>Each identity is made once per test JVM (keytool takes about a second) and shared.
 *
 * {@snippet :
 * SelfSignedCertificates.Identity id = SelfSignedCertificates.localhost();
 * SSLContext server = id.serverContext();
 * SSLContext client = SelfSignedCertificates.trusting(id);
 * }
 */
public final class SelfSignedCertificates {
    /** How long one keytool run may take before the fixture gives up. */
    public static final long KEYTOOL_TIMEOUT_SECONDS = 120;
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final ConcurrentHashMap<String, Identity> MADE = new ConcurrentHashMap<>();

    private SelfSignedCertificates() {
    }

    /** A key pair and its self-signed certificate, in a PKCS#12 key store. */
    public record Identity(String name, KeyStore keyStore, X509Certificate certificate, PrivateKey privateKey) {
        /** An SSLContext that presents this identity (a server's, or a client's for client auth). */
        public SSLContext serverContext() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, PASSWORD);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes {@code <name>.crt.pem} and {@code <name>.key.pem} (PKCS#8) into {@code dir}; returns {cert, key}. */
        public Path[] writePem(Path dir) throws IOException {
            Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Path cert = dir.resolve(name + ".crt.pem");
            Path key = dir.resolve(name + ".key.pem");
            try {
                Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                        + b64.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + b64.encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            return new Path[] {cert, key};
        }
    }

    /** CN=localhost with SAN dns:localhost and ip:127.0.0.1. */
    public static Identity localhost() {
        return MADE.computeIfAbsent("localhost", n -> make(n, "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1"));
    }

    /** Another self-signed identity (CN=stranger, SAN dns:localhost) that nobody trusts by default. */
    public static Identity stranger() {
        return MADE.computeIfAbsent("stranger", n -> make(n, "CN=stranger", "SAN=dns:localhost,ip:127.0.0.1"));
    }

    /** A client SSLContext that trusts exactly these certificates. */
    public static SSLContext trusting(Identity... trusted) {
        return trusting("TLS", trusted);
    }

    /**
     * A client SSLContext of {@code protocol} ("TLS", "TLSv1.2", "TLSv1.3": a client offers
     * that version at most) that trusts exactly these certificates.
     */
    public static SSLContext trusting(String protocol, Identity... trusted) {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (Identity id : trusted) {
                ts.setCertificateEntry(id.name(), id.certificate());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance(protocol);
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Identity make(String name, String dname, String san) {
        try {
            Path dir = Files.createTempDirectory("jasyncio-certs");
            Path store = dir.resolve(name + ".p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", dname, "-ext", san, "-validity", "3650",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
            return new Identity(name, ks, (X509Certificate) ks.getCertificate(name),
                    (PrivateKey) ks.getKey(name, PASSWORD));
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }
}
