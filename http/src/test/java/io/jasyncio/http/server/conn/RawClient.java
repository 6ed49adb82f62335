package io.jasyncio.http.server.conn;

import io.jasyncio.http.Headers;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.Streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately dumb HTTP/1.1 client over core's streams, for driving the server byte by byte:
 * it sends exactly the text it is given and parses responses just enough to check them. Runs
 * in a task on the test's loop, so virtual time covers both ends.
 */
final class RawClient implements AutoCloseable {
    /** A parsed response. */
    record Reply(int status, String reason, Headers headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    final StreamPair pair;

    private RawClient(StreamPair pair) {
        this.pair = pair;
    }

    static RawClient connect(int port) throws IOException {
        return new RawClient(Streams.openConnection("127.0.0.1", port));
    }

    /** A TLS client offering ALPN h2 and http/1.1, trusting {@code ctx}. */
    static RawClient connectTls(int port, javax.net.ssl.SSLContext ctx) throws IOException {
        var tls = io.jasyncio.stream.tls.TlsOptions.client(ctx, "localhost").withAlpn(java.util.List.of("h2", "http/1.1"));
        return new RawClient(Streams.openConnection("127.0.0.1", port, io.jasyncio.stream.ConnectOptions.DEFAULTS.withTls(tls),
                io.jasyncio.stream.StreamReader.DEFAULT_LIMIT));
    }

    /** A client on the Unix-domain socket {@code path}. */
    static RawClient connectUnix(java.nio.file.Path path) throws IOException {
        return new RawClient(Streams.openUnixConnection(path));
    }

    RawClient send(String text) {
        pair.writer().write(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    RawClient send(byte[] data) {
        pair.writer().write(data);
        return this;
    }

    /** A GET of {@code path} with Host, nothing else. */
    RawClient get(String path) {
        return send("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
    }

    /** Reads one response to a request that is not HEAD. */
    Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code toHead} says the request was HEAD (no body follows). */
    Reply read(boolean toHead) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new java.io.EOFException("the connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Headers headers = new Headers();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.add(l.substring(0, colon), l.substring(colon + 1).trim());
        }
        byte[] body;
        if (toHead || status < 200 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            body = chunked();
        } else if (headers.get("Content-Length") != null) {
            body = pair.reader().readExactly(Integer.parseInt(headers.get("Content-Length")));
        } else {
            body = pair.reader().read();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (body.length > 0) {
                all.writeBytes(body);
                body = pair.reader().read();
            }
            body = all.toByteArray();
        }
        return new Reply(status, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (;;) {
            int size = Integer.parseInt(line().split(";")[0].trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return out.toByteArray();
            }
            out.writeBytes(pair.reader().readExactly(size));
            if (!line().isEmpty()) {
                throw new IOException("bad chunk terminator");
            }
        }
    }

    /** One CRLF-terminated line without its ending; null at end of stream. */
    String line() throws IOException {
        byte[] l = pair.reader().readLine();
        if (l.length == 0) {
            return null;
        }
        String s = new String(l, StandardCharsets.ISO_8859_1);
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.strip();
    }

    /** Whether the server closed the connection (reads to the end; nothing else may come). */
    boolean closedByServer() throws IOException {
        try {
            return pair.reader().read().length == 0;
        } catch (io.jasyncio.stream.ConnectionResetException e) {
            return true;
        }
    }

    /** Closes and waits until the transport is gone (so fd checks see it closed). */
    @Override
    public void close() {
        pair.writer().close();
        try {
            pair.writer().waitClosed();
        } catch (IOException e) {
            // A reset on close is fine for these tests.
        }
    }
}
