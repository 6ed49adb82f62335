package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.sync.Guard;
import io.jasyncio.sync.Semaphore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of {@link LoadTest}'s many-connections test, run in a child JVM so that each
 * side has the process's open-file limit to itself: opens {@code n} connections to
 * 127.0.0.1:{@code port} on one loop (at most {@code inFlight} connects at a time, so the listen
 * queue never overflows into SYN retries) and holds them all open; then each sends a message of
 * its own and checks its echo; then each waits for the server to close it. Prints
 * "connected n", "echoed n", "closed n" as it goes; any failure ends it with a stack trace and a
 * non-zero status.
 */
public final class LoadClient {
    private LoadClient() {
    }

    /** Arguments: port, number of connections, connects in flight. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int inFlight = Integer.parseInt(args[2]);
        Asyncio.run(() -> {
            Semaphore connecting = new Semaphore(inFlight);
            List<Task<Connection<Recorder>>> connects = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                connects.add(createTask(() -> {
                    try (Guard g = connecting.acquire()) {
                        return Network.createConnection(Recorder::new, NetTestSupport.LOOPBACK, port);
                    }
                }));
            }
            List<Connection<Recorder>> all = gather(connects);
            say("connected " + all.size());
            for (int i = 0; i < n; i++) {
                all.get(i).transport().write(message(i));
            }
            for (int i = 0; i < n; i++) {
                byte[] expected = message(i);
                Recorder r = all.get(i).protocol();
                r.awaitBytes(expected.length);
                if (!Arrays.equals(expected, r.received.toByteArray())) {
                    throw new AssertionError("connection " + i + " got back " + r.text());
                }
            }
            say("echoed " + n);
            for (Connection<Recorder> c : all) {
                c.protocol().awaitLost();
                if (!c.protocol().events.equals(List.of("made", "eof", "lost"))) {
                    throw new AssertionError("the server's close was seen as " + c.protocol().events);
                }
            }
            say("closed " + n);
        });
    }

    /** A message that tells the connections apart: "connection i" then a few bytes of padding. */
    private static byte[] message(int i) {
        return ("connection " + i + " " + "x".repeat(i % 97)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
