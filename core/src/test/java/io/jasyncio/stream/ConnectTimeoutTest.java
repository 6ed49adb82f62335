package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects that hang: a listener that never accepts, with a backlog of one, stops answering
 * SYNs once its queue is full (Linux drops them), so a further connect stays pending. A
 * connect timeout then names host and port, and a cancelled {@code createConnection} leaves
 * no socket open.
 */
class ConnectTimeoutTest {
    /** Short, since every filler connect that succeeds costs nothing and the hanging one costs this. */
    private static final Duration ATTEMPT = Duration.ofMillis(200);
    /** Connects to try before giving up on filling the queue. */
    private static final int MAX_FILLERS = 16;

    /** Fills the listener's queue; returns the connections made (to close) and the first timeout. */
    private static SocketTimeoutException fill(int port, List<Connection<Recorder>> made) throws IOException {
        ConnectOptions opts = ConnectOptions.DEFAULTS.withConnectTimeout(ATTEMPT);
        for (int i = 0; i < MAX_FILLERS; i++) {
            try {
                made.add(Network.createConnection(Recorder::new, LOOPBACK, port, opts));
            } catch (SocketTimeoutException e) {
                return e;
            }
        }
        return null;
    }

    private static ServerSocketChannel tinyListener() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 1);
        return s;
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aConnectTimeoutNamesHostAndPort(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = tinyListener()) {
            int port = port(listener);
            h.runBounded(() -> {
                List<Connection<Recorder>> made = new ArrayList<>();
                SocketTimeoutException e = fill(port, made);
                assertNotNull(e, "the listen queue never filled");
                assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("timed out"), e.getMessage());
                assertEquals(made.size(), h.loop().statistics().ioRegistrations(),
                        "one reader per connection made; the timed-out attempt left no writer behind");
                for (Connection<Recorder> c : made) {
                    c.transport().abort();
                    c.protocol().awaitLost();
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aCancelledCreateConnectionLeavesNoSocketOpen(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = tinyListener()) {
            int port = port(listener);
            h.runBounded(() -> {
                List<Connection<Recorder>> made = new ArrayList<>();
                assertNotNull(fill(port, made), "the listen queue never filled");
                Task<Connection<Recorder>> hanging = createTask(() -> Network.createConnection(Recorder::new, LOOPBACK, port));
                sleep(Duration.ofMillis(50));
                assertFalse(hanging.isDone());
                hanging.cancel();
                assertThrows(CancelledError.class, hanging::await);
                for (Connection<Recorder> c : made) {
                    c.transport().abort();
                    c.protocol().awaitLost();
                }
            });
        }
    }
}
