package io.jasyncio.http.server.conn;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, made once per test JVM with the JDK's
 * keytool (no key material in the repository): server and client SSLContexts for the
 * connection tests, and a PEM file for peers such as {@code curl --cacert} (the interop tests).
 */
public final class TestCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static KeyStore store;
    private static Path pem;

    private TestCertificate() {
    }

    private static synchronized KeyStore store() throws Exception {
        if (store == null) {
            Path dir = Files.createTempDirectory("conn-cert");
            Path file = dir.resolve("localhost.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, PASSWORD);
            }
            Files.delete(file);
            Files.delete(dir);
            store = ks;
        }
        return store;
    }

    /** The server's context, presenting the certificate. */
    public static SSLContext server() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store(), PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A client context trusting exactly the certificate. */
    public static SSLContext client() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("localhost", store().getCertificate("localhost"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The certificate as a PEM file (deleted when the JVM exits), for peers that trust a file. */
    public static synchronized Path pemFile() throws Exception {
        if (pem == null) {
            Path file = Files.createTempFile("localhost", ".crt.pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(store().getCertificate("localhost").getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            pem = file;
        }
        return pem;
    }
}
