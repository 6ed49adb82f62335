package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interoperability with a peer no one here wrote: CPython's asyncio ({@code /usr/bin/python3}),
 * over 127.0.0.1 on ephemeral ports. Our protocol echo server is driven by an asyncio streams
 * client ({@code interop/echo_client.py}), and our {@code createConnection} client talks to an
 * asyncio protocol echo server ({@code interop/echo_server.py}); both sides check every byte,
 * several connections at once, and a half-close (write, write EOF, read back until EOF).
 */
class InteropTest {
    /** Python's start-up and its byte-by-byte payloads are slow on a busy machine; the scripts stop after 60 s. */
    private static final Duration INTEROP_BOUND = Duration.ofSeconds(90);
    private static final int PY_CONNECTIONS = 8;
    private static final int PY_MESSAGES = 30;
    /** The message sizes echo_client.py cycles through. */
    private static final int[] PY_SIZES = {1, 100, 1024, 4096, 65536, 262144, 7};
    private static final int HALF_CLOSE_BYTES = 1 << 20;

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aCpythonAsyncioClientGetsEveryByteBackFromOurEchoServer(LoopHarness h) {
        long expected = HALF_CLOSE_BYTES;
        for (int c = 0; c < PY_CONNECTIONS; c++) {
            for (int i = 0; i < PY_MESSAGES; i++) {
                expected += PY_SIZES[(c + i) % PY_SIZES.length];
            }
        }
        long total = expected;
        h.run(() -> timeout(INTEROP_BOUND, () -> {
            EchoProtocol.Stats stats = new EchoProtocol.Stats();
            Server server = Network.createServer(() -> new EchoProtocol(stats), LOOPBACK, 0);
            try (PeerProcess client = PeerProcess.python("echo_client.py", LOOPBACK, Integer.toString(port(server)),
                    Integer.toString(PY_CONNECTIONS), Integer.toString(PY_MESSAGES))) {
                assertEquals(0, client.awaitExit(), "the client failed: " + client.output());
                assertEquals(List.of("ok " + total), client.output(), "the client checked every byte it got back");
                assertEquals(total, stats.echoed, "our server saw every byte the client sent");
            } finally {
                server.close();
                server.waitClosed();
            }
        }));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void ourClientGetsEveryByteBackFromACpythonAsyncioEchoServer(LoopHarness h) {
        h.run(() -> timeout(INTEROP_BOUND, () -> {
            try (PeerProcess server = PeerProcess.python("echo_server.py")) {
                String line = server.readLine();
                assertTrue(line.startsWith("port "), line);
                int port = Integer.parseInt(line.substring("port ".length()));
                List<Task<Void>> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    int id = c;
                    clients.add(createTask(() -> pingPong(port, id)));
                }
                clients.add(createTask(() -> halfClose(port)));
                gather(clients);
                assertEquals(0, server.awaitExit(), "the server failed: " + server.output());
                assertEquals(List.of("port " + port), server.output(), "the server reported nothing else");
            }
        }));
    }

    /** 20 messages of growing size, each echoed in full and checked before the next. */
    private static void pingPong(int port, int id) throws Exception {
        Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port);
        try {
            int sent = 0;
            for (int i = 0; i < 20; i++) {
                byte[] msg = message(id, i, 1 << (i % 18));
                c.transport().write(msg);
                c.protocol().awaitBytes(sent + msg.length);
                byte[] all = c.protocol().received.toByteArray();
                assertArrayEquals(msg, Arrays.copyOfRange(all, sent, all.length), "connection " + id + " message " + i);
                sent += msg.length;
            }
        } finally {
            c.transport().close();
            c.protocol().awaitLost();
        }
        assertNull(c.protocol().lost.getFirst());
    }

    /** Writes 1 MiB, half-closes, and reads the echo until the server's EOF. */
    private static void halfClose(int port) throws Exception {
        Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port);
        byte[] data = pattern(HALF_CLOSE_BYTES);
        c.transport().write(data);
        c.transport().writeEof();
        c.protocol().awaitEof();
        assertArrayEquals(data, c.protocol().received.toByteArray());
        c.protocol().awaitLost();
        // A transport that counts bytes in flight (the io_uring one) may pause the writer for the 1 MiB write.
        assertEquals(List.of("made", "eof", "lost"), c.protocol().events.stream().filter(e -> !e.equals("pause") && !e.equals("resume")).toList());
    }

    private static byte[] message(int id, int i, int size) {
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) {
            b[k] = (byte) (id * 7 + i * 13 + k * 31);
        }
        return b;
    }
}
