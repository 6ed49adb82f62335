package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small HTTP proxy for the pool's tests: CONNECT opens a tunnel to the target and pipes bytes
 * both ways; any other request is answered by the proxy itself with its request line (so a test
 * sees the absolute form). With {@code requiredAuth}, a request without that
 * {@code Proxy-Authorization} gets a 407.
 */
final class TestProxy implements AutoCloseable {
    final List<String> heads = new ArrayList<>();
    private final String requiredAuth;
    private final List<Transport> tunnels = new ArrayList<>();
    private Server server;

    private TestProxy(String requiredAuth) {
        this.requiredAuth = requiredAuth;
    }

    static TestProxy start(String requiredAuth) throws IOException {
        TestProxy p = new TestProxy(requiredAuth);
        p.server = Network.createServer(() -> p.new Client(), "127.0.0.1", 0);
        return p;
    }

    int port() {
        return ((InetSocketAddress) server.sockets().getFirst()).getPort();
    }

    Proxy proxy() {
        return Proxy.of("http://127.0.0.1:" + port());
    }

    /** The client's side of the proxy. */
    private final class Client implements Protocol {
        private Transport transport;
        private Transport upstream;
        private final StringBuilder in = new StringBuilder();

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (upstream != null) {
                upstream.write(data);
                return;
            }
            in.append(StandardCharsets.ISO_8859_1.decode(data));
            int end;
            while (upstream == null && (end = in.indexOf("\r\n\r\n")) >= 0) {
                String head = in.substring(0, end + 4);
                in.delete(0, end + 4);
                heads.add(head);
                String auth = header(head, "proxy-authorization");
                if (requiredAuth != null && !requiredAuth.equals(auth)) {
                    send("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
                    continue;
                }
                String line = head.substring(0, head.indexOf("\r\n"));
                if (line.startsWith("CONNECT ")) {
                    String[] hostPort = line.split(" ")[1].split(":");
                    transport.pauseReading();
                    Asyncio.createTask(() -> tunnel(hostPort[0], Integer.parseInt(hostPort[1])));
                    return;
                }
                String body = "proxied " + line;
                send("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            }
        }

        private void tunnel(String host, int port) {
            Client client = this;
            try {
                Network.createConnection(() -> new Protocol() {
                    @Override
                    public void connectionMade(Transport t) {
                        upstream = t;
                        tunnels.add(t);
                    }

                    @Override
                    public void dataReceived(ByteBuffer data) {
                        client.transport.write(data);
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        client.transport.close();
                    }
                }, host, port);
                send("HTTP/1.1 200 Connection Established\r\n\r\n");
                transport.resumeReading();
            } catch (IOException e) {
                send("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (upstream != null) {
                upstream.close();
            }
        }

        private void send(String text) {
            transport.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.close();
        server.abortClients();
        for (Transport t : tunnels) {
            t.abort();
        }
        server.waitClosed();
    }
}
