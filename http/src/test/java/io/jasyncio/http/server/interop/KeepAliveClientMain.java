package io.jasyncio.http.server.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of ManyConnectionsTest, in a process of its own so that its descriptors do
 * not count against the server's: opens N connections to the port, makes one request on each
 * (sending all before reading the answers) and keeps them all open; prints {@code ROUND1 <answered>}; on the line {@code AGAIN} makes a
 * second request on every connection (keep-alive) and prints {@code ROUND2 <answered>}; on EOF
 * closes them all, prints {@code CLOSED} and exits. Blocking sockets: the point is the server holding
 * them all, not the client's speed. Args: port, N.
 */
public final class KeepAliveClientMain {
    private static final byte[] REQUEST = "GET /hello HTTP/1.1\r\nHost: many\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private KeepAliveClientMain() {
    }

    /** Runs the rounds; exits 1 with a message on stderr if a connection fails. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        int n = Integer.parseInt(args[1]);
        List<SocketChannel> open = new ArrayList<>(n);
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            // Requests go out as connections open and answers are read afterwards, so the server
            // works while the client connects (its answers wait in the socket buffers).
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(server);
                open.add(ch);
                ch.write(ByteBuffer.wrap(REQUEST));
            }
            int first = 0;
            for (SocketChannel ch : open) {
                response(ch, buf);
                first++;
            }
            System.out.println("ROUND1 " + first);
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            if (!"AGAIN".equals(stdin.readLine())) {
                throw new IOException("expected AGAIN");
            }
            for (SocketChannel ch : open) {
                ch.write(ByteBuffer.wrap(REQUEST));
            }
            int answered = 0;
            for (SocketChannel ch : open) {
                response(ch, buf);
                answered++;
            }
            System.out.println("ROUND2 " + answered);
            while (stdin.readLine() != null) {
                // wait for EOF
            }
        } catch (IOException e) {
            System.err.println("client failed after " + open.size() + " connections: " + e);
            System.exit(1);
        } finally {
            for (SocketChannel ch : open) {
                ch.close();
            }
        }
        System.out.println("CLOSED");
    }

    /** Reads one whole response to GET /hello (head, then Content-Length bytes) and checks it. */
    private static void response(SocketChannel ch, ByteBuffer buf) throws IOException {
        buf.clear();
        while (true) {
            if (ch.read(buf) < 0) {
                throw new IOException("server closed the connection");
            }
            String got = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
            int headEnd = got.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                int cl = got.toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length:");
                int lineEnd = got.indexOf("\r\n", cl + 2);
                int length = Integer.parseInt(got.substring(cl + 17, lineEnd).trim());
                if (got.length() == headEnd + 4 + length) {
                    if (!got.startsWith("HTTP/1.1 200 ") || !got.endsWith("Hello, World!")) {
                        throw new IOException("unexpected response: " + got);
                    }
                    return;
                }
            }
        }
    }
}
