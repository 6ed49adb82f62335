package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.stream.BaseTransport;
import io.jasyncio.stream.ConnectOptions;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.ServerOptions;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.Streams;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.sync.Event;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS echo server and client with streams over 127.0.0.1: asyncio's {@code start_server} and
 * {@code open_connection} with {@code ssl=}. The server's self-signed certificate for
 * {@code localhost} is made at run time with the JDK's {@code keytool}; the client trusts exactly
 * that certificate and checks the host name against it (the default). Each side prints the
 * negotiated protocol and cipher, the client prints each echoed line, and closing sends TLS's
 * close_notify both ways.
 */
public final class EchoTlsDemo {
    /** How long keytool may take to make the certificate. */
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;
    private static final char[] PASSWORD = "changeit".toCharArray();

    private EchoTlsDemo() {
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) throws Exception {
        KeyStore keys = selfSignedLocalhost();
        TlsOptions serverTls = TlsOptions.server(serverContext(keys));
        TlsOptions clientTls = TlsOptions.client(trusting(keys));          // hostname: the host we connect to
        run(() -> {
            Event served = new Event();
            Server server = Streams.startServer((reader, writer) -> {
                try (writer) {
                    boolean first = true;
                    for (byte[] line : reader.lines()) {                 // decrypted, line by line
                        if (first) {
                            System.out.println("server: " + describe((SSLSession) writer.getExtraInfo(BaseTransport.SSL_SESSION)));
                            first = false;
                        }
                        writer.write(line);                              // encrypted on the way out
                        writer.drain();
                    }
                    System.out.println("server: the client closed the TLS session");
                } finally {
                    served.set();
                }
            }, "127.0.0.1", 0, ServerOptions.DEFAULTS.withTls(serverTls), StreamReader.DEFAULT_LIMIT);
            int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();

            // "localhost" is the name the certificate carries: it is sent as SNI and verified.
            StreamPair client = Streams.openConnection("localhost", port, ConnectOptions.DEFAULTS.withTls(clientTls),
                    StreamReader.DEFAULT_LIMIT);                         // returns after the handshake
            System.out.println("client: " + describe((SSLSession) client.writer().getExtraInfo(BaseTransport.SSL_SESSION)));
            for (String line : new String[] {"Hello", "TLS", "World"}) {
                client.writer().write((line + "\n").getBytes(UTF_8));
                System.out.println("client: echoed " + new String(client.reader().readLine(), UTF_8).strip());
            }
            client.close();                                              // close_notify, then the socket
            client.writer().waitClosed();
            served.await();
            server.close();
            server.waitClosed();
        });
    }

    private static String describe(SSLSession session) {
        return session.getProtocol() + " " + session.getCipherSuite();
    }

    /** A PKCS#12 store with a new EC key and a self-signed certificate for localhost and 127.0.0.1. */
    private static KeyStore selfSignedLocalhost() throws IOException, InterruptedException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("echotls");
        Path store = dir.resolve("localhost.p12");
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the certificate: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            return ks;
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    private static SSLContext serverContext(KeyStore keys) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static SSLContext trusting(KeyStore keys) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", keys.getCertificate("localhost"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
