package io.jasyncio.http.client;

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
 * A scripted HTTP/1.1 server for the pool's tests: it splits what arrives into requests (head,
 * and a Content-Length or chunked body) and hands each to a script that answers as the test
 * needs: right, late, never, wrong, or by closing.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with each request. */
    interface Script {
        /** {@code n} is the request's number on its connection, from 1. */
        void onRequest(Conn conn, String head, int n) throws IOException;
    }

    /** One accepted connection. */
    final class Conn implements Protocol {
        Transport transport;
        private final StringBuilder in = new StringBuilder();
        int requests;
        final int index;

        Conn(int index) {
            this.index = index;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            conns.add(this);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            in.append(StandardCharsets.ISO_8859_1.decode(data));
            String head;
            while ((head = takeRequest()) != null) {
                requests++;
                heads.add(head);
                try {
                    script.onRequest(this, head, requests);
                } catch (IOException e) {
                    transport.abort();
                }
            }
        }

        private String takeRequest() {
            int end = in.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String head = in.substring(0, end + 4);
            String lower = head.toLowerCase(Locale.ROOT);
            int bodyEnd = end + 4;
            int cl = lower.indexOf("\r\ncontent-length:");
            if (cl >= 0) {
                int eol = lower.indexOf("\r\n", cl + 2);
                bodyEnd += Integer.parseInt(head.substring(cl + 17, eol).trim());
            } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
                int last = in.indexOf("\r\n0\r\n\r\n", end + 2);
                if (last < 0) {
                    return null;
                }
                bodyEnd = last + 7;
            }
            if (in.length() < bodyEnd) {
                return null;
            }
            String all = in.substring(0, bodyEnd);
            in.delete(0, bodyEnd);
            return all;
        }

        /** Writes {@code text} (ISO-8859-1). */
        void send(String text) {
            transport.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** A 200 with {@code body} and Content-Length. */
        void ok(String body) {
            send("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        }

        void close() {
            transport.close();
        }
    }

    final List<Conn> conns = new ArrayList<>();
    final List<String> heads = new ArrayList<>();
    private final Script script;
    private Server server;

    private RawServer(Script script) {
        this.script = script;
    }

    static RawServer start(Script script) throws IOException {
        RawServer s = new RawServer(script);
        s.server = Network.createServer(() -> s.new Conn(s.conns.size()), "127.0.0.1", 0);
        return s;
    }

    int port() {
        return ((InetSocketAddress) server.sockets().getFirst()).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Stops listening, aborts every connection and waits until they are gone. */
    @Override
    public void close() {
        server.close();
        server.abortClients();
        server.waitClosed();
    }
}
