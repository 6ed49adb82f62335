package io.jasyncio.http.client.peers;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.stream.IncompleteReadError;
import io.jasyncio.stream.LimitOverrunError;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.ServerOptions;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Streams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A raw HTTP/1.1 server on the test's own loop whose every connection runs a {@link Script}:
 * the misbehaving peers of the client tests (stalls, trickles, random closes) that no real
 * server can be told to be. Written on core streams, not on jasyncio's HTTP server, so the
 * client is tested against bytes the test chose.
 *
 * <p>{@link #close} aborts every connection and waits for each script's task to end, so a test
 * that closes it leaves no task, registration or descriptor behind; a script that fails with an
 * {@link IOException} (the client hung up) ends quietly.
 */
final class ScriptedServer {
    /** What the server does with one connection. */
    @FunctionalInterface
    interface Script {
        void serve(Conn conn) throws Exception;
    }

    /**
     * One accepted connection: reads request heads, writes raw bytes.
     *
     * @param reader the request side
     * @param writer the response side
     * @param number this connection's 1-based number, in accept order
     */
    record Conn(StreamReader reader, StreamWriter writer, int number) {
        private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        /**
         * The next request head (through the empty line) as text, after reading and discarding a
         * body announced by {@code Content-Length}; null when the client closed the connection
         * between requests. Chunked request bodies are not supported (these servers get GETs).
         */
        String readRequest() throws IOException {
            byte[] head;
            try {
                head = reader.readUntil(END);
            } catch (IncompleteReadError e) {
                if (e.partial().length == 0) {
                    return null;
                }
                throw e;
            } catch (LimitOverrunError e) {
                throw new IOException("request head too long", e);
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            for (String line : text.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                    reader.readExactly(Integer.parseInt(line.substring(colon + 1).trim()));
                }
            }
            return text;
        }

        /** The request target of a head {@link #readRequest} returned. */
        static String target(String head) {
            String line = head.substring(0, head.indexOf("\r\n"));
            return line.split(" ")[1];
        }

        /** Writes {@code text} (ISO-8859-1) and drains. */
        void send(String text) throws IOException {
            writer.write(text.getBytes(StandardCharsets.ISO_8859_1));
            writer.drain();
        }

        /** A complete 200 response with {@code body} and a Content-Length. */
        void respond(String body, boolean close) throws IOException {
            send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n"
                    + (close ? "Connection: close\r\n" : "") + "\r\n" + body);
        }

        /** Suspends until the client closes the connection (or the server aborts it). */
        void awaitClientClose() throws IOException {
            while (reader.read(65536).length > 0) {
                // what a stalled server reads, it ignores
            }
        }
    }

    private final Server server;
    private final Set<Task<?>> scripts = new HashSet<>();
    private int accepted;

    private ScriptedServer(Server server) {
        this.server = server;
    }

    /** Starts a server on 127.0.0.1 and a free port that runs {@code script} for each connection. */
    static ScriptedServer start(Script script) throws IOException {
        ScriptedServer[] self = {null};
        Server s = Streams.startServer((reader, writer) -> self[0].run(script, reader, writer), "127.0.0.1", 0,
                ServerOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
        self[0] = new ScriptedServer(s);
        return self[0];
    }

    private void run(Script script, StreamReader reader, StreamWriter writer) throws Exception {
        Task<?> me = Asyncio.currentTask();
        scripts.add(me);
        try {
            script.serve(new Conn(reader, writer, ++accepted));
        } catch (IOException clientWentAway) {
            // the client closed or reset the connection, or close() aborted it
        } finally {
            writer.close();
            scripts.remove(me);
        }
    }

    int port() {
        return ((InetSocketAddress) server.sockets().getFirst()).getPort();
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** How many connections the server accepted so far. */
    int accepted() {
        return accepted;
    }

    /** Stops listening, aborts every connection and waits until every script ended. Suspends. */
    void close() {
        server.close();
        server.abortClients();
        List<Task<?>> left = new ArrayList<>(scripts);
        for (Task<?> t : left) {
            t.cancel();
        }
        if (!left.isEmpty()) {
            Asyncio.gatherReturnExceptions(left);
        }
        server.waitClosed();
    }
}
