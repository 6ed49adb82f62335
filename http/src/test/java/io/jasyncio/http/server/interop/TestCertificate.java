package io.jasyncio.http.server.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made once per test JVM
 * with the JDK's keytool (no key material in the repository), as a server SSLContext and as a
 * PEM file a peer trusts ({@code curl --cacert}).
 */
final class TestCertificate {
    private static final char[] PASSWORD = "interop".toCharArray();
    private static TestCertificate made;

    final SSLContext serverContext;
    final Path pem;

    private TestCertificate(SSLContext serverContext, Path pem) {
        this.serverContext = serverContext;
        this.pem = pem;
    }

    static synchronized TestCertificate localhost() throws Exception {
        if (made == null) {
            Path dir = Files.createTempDirectory("jasyncio-http-interop");
            dir.toFile().deleteOnExit();
            Path store = dir.resolve("localhost.p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            Path pem = dir.resolve("localhost.crt.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(ks.getCertificate("localhost").getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            store.toFile().deleteOnExit();
            pem.toFile().deleteOnExit();
            made = new TestCertificate(ctx, pem);
        }
        return made;
    }
}
