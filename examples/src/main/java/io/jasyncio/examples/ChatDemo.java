package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.stream.ConnectionResetException;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A line chat server: each client sends its name, then every line it sends goes to everyone
 * else as {@code name: line}; leaving is announced. The server's state is a plain map, with no
 * lock: every handler runs on the loop thread and is only interrupted where it waits. Three
 * scripted clients talk to it over 127.0.0.1.
 */
public final class ChatDemo {
    private ChatDemo() {
    }

    /** The chat room: one handler task per client, sharing the map of who is online. */
    static final class Room {
        private final Map<String, StreamWriter> online = new LinkedHashMap<>();

        void serve(StreamReader reader, StreamWriter writer) throws IOException {
            try (writer) {
                String name = reader.readTextLine(UTF_8);    // without its "\n"; null at the end
                if (name == null) {
                    return;                                  // gone before saying who it is
                }
                online.put(name, writer);
                send(writer, "welcome " + name + " (" + online.size() + " online)");
                try {
                    for (String line : reader.textLines(UTF_8)) {
                        broadcast(name, name + ": " + line);
                    }
                } catch (UncheckedIOException e) {
                    // A client that closes with lines it never read resets the connection (as
                    // TCP does): it has left all the same. Any other error is the server's.
                    if (!(e.getCause() instanceof ConnectionResetException)) {
                        throw e;
                    }
                }
                online.remove(name);
                broadcast(name, "* " + name + " left");
            }
        }

        private void broadcast(String from, String message) {
            online.forEach((name, w) -> {
                if (!name.equals(from)) {
                    send(w, message);
                }
            });
        }

        private static void send(StreamWriter w, String message) {
            // No drain here: a slow reader must not stall the room; its transport buffers.
            w.writeLine(message);                            // UTF-8, then "\n"
        }
    }

    private static StreamPair join(int port, String name) throws IOException {
        StreamPair c = Streams.openConnection("127.0.0.1", port);
        c.writer().writeLine(name);
        hear(name, c);
        return c;
    }

    private static void say(StreamPair c, String line) {
        c.writer().writeLine(line);
    }

    private static void hear(String who, StreamPair c) throws IOException {
        System.out.println(who + " hears: " + c.reader().readTextLine(UTF_8));
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Room room = new Room();
            Server server = Streams.startServer(room::serve, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();
            StreamPair alice = join(port, "alice");
            StreamPair bob = join(port, "bob");
            StreamPair carol = join(port, "carol");

            say(alice, "hi all");
            hear("bob", bob);
            hear("carol", carol);
            say(carol, "hey alice");
            hear("alice", alice);
            hear("bob", bob);
            bob.writer().writeEof();                 // bob leaves
            hear("alice", alice);
            hear("carol", carol);

            for (StreamPair c : new StreamPair[] {alice, bob, carol}) {
                c.close();
                c.writer().waitClosed();
            }
            server.close();
            server.waitClosed();
        });
    }
}
