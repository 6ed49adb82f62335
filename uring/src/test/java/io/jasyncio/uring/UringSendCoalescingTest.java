package io.jasyncio.uring;

import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Server;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes that arrive while the transport's SEND is still in the submission queue join it: a
 * message received in many pieces is echoed in one send, not one send per loop iteration.
 */
class UringSendCoalescingTest {
    @Test
    void theSendInFlightGrowsOnlyWhileNothingWaitsBehindIt() {
        UringSocketSendQueue q = new UringSocketSendQueue();
        assertThrows(IllegalStateException.class, () -> q.addToFlight(ByteBuffer.wrap(new byte[] {1})));
        q.add(ByteBuffer.wrap("ab".getBytes()));
        q.take();
        assertFalse(q.sent(1));
        byte[] big = UringSocketTransportTest.pattern(100_000); // past the first buffer: it moves
        q.addToFlight(ByteBuffer.wrap(big));
        byte[] flight = MemorySegment.ofAddress(q.address()).reinterpret(q.length()).toArray(ValueLayout.JAVA_BYTE);
        assertEquals(1 + big.length, flight.length);
        assertEquals('b', flight[0]);
        assertArrayEquals(big, java.util.Arrays.copyOfRange(flight, 1, flight.length));
        q.add(ByteBuffer.wrap("c".getBytes()));
        assertThrows(IllegalStateException.class, () -> q.addToFlight(ByteBuffer.wrap("d".getBytes())),
                "bytes behind the send would be overtaken");
        q.free();
    }

    /** 64 KiB messages received in 1 KiB pieces are echoed complete and in order, pieces joining queued sends. */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void sixtyFourKibEchoesInManyPiecesKeepTheirOrder(LoopHarness h) throws Exception {
        int size = 64 * 1024;
        int rounds = 20;
        System.setProperty("jasyncio.uring.recvBuffers", "256");
        System.setProperty("jasyncio.uring.recvBufferSize", "1024");
        try {
            h.runBounded(() -> {
                Server server = Network.createServer(UringSocketTransportTest.Echo::new, "127.0.0.1", 0);
                List<Connection<UringSocketTransportTest.Recorder>> clients = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    clients.add(Network.createConnection(UringSocketTransportTest.Recorder::new, "127.0.0.1",
                            UringSocketTransportTest.port(server)));
                }
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (int r = 0; r < rounds; r++) {
                    byte[] message = UringSocketTransportTest.pattern(size);
                    message[0] = (byte) r; // each round differs: a reordering shows
                    expected.writeBytes(message);
                    for (Connection<UringSocketTransportTest.Recorder> c : clients) {
                        c.transport().write(message);
                    }
                    int want = (r + 1) * size;
                    eventually(() -> clients.stream().allMatch(c -> c.protocol().size() == want));
                }
                for (Connection<UringSocketTransportTest.Recorder> c : clients) {
                    assertArrayEquals(expected.toByteArray(), c.protocol().bytes());
                    c.transport().close();
                }
                assertTrue(((UringEventLoop) h.loop()).sockets().grownSendCount() > 0, "pieces joined unsubmitted sends");
                eventually(() -> clients.stream().allMatch(c -> c.protocol().lost));
                server.close();
                server.waitClosed();
            });
        } finally {
            System.clearProperty("jasyncio.uring.recvBuffers");
            System.clearProperty("jasyncio.uring.recvBufferSize");
        }
    }
}
