package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Provided buffers: a multishot recv picks them from the ring, the consumer recycles them. */
class BufferRingTest {
    private record Cqe(int res, int flags) {
        boolean more() {
            return (flags & Uring.IORING_CQE_F_MORE) != 0;
        }

        int bufferId() {
            assertTrue((flags & Uring.IORING_CQE_F_BUFFER) != 0, "a recv with data carries a buffer");
            return flags >>> Uring.IORING_CQE_BUFFER_SHIFT;
        }
    }

    @Test
    void aMultishotRecvFillsProvidedBuffersUntilThePeerCloses() throws IOException {
        try (UringBackend backend = new UringBackend(UringOptions.DEFAULT);
                ServerSocketChannel server = ServerSocketChannel.open();
                BufferRing buffers = backend.bufferRing((short) 7, 4, 16)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Socket peer = new Socket()) {
                peer.connect(server.getLocalAddress());
                SocketChannel ours = server.accept();
                List<Cqe> cqes = new ArrayList<>();
                long token = backend.register((res, flags) -> cqes.add(new Cqe(res, flags)));
                MemorySegment sqe = backend.ring().sqe(Uring.IORING_OP_RECV, ((sun.nio.ch.SelChImpl) ours).getFDVal(), token);
                Sqe.ioprio(sqe, Uring.IORING_RECV_MULTISHOT);
                Sqe.flags(sqe, Uring.IOSQE_BUFFER_SELECT);
                Sqe.bufGroup(sqe, buffers.group());
                backend.opStarted();

                // More rounds than buffers: recycling is what keeps the recv going.
                List<String> got = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    peer.getOutputStream().write(("msg " + round).getBytes(StandardCharsets.US_ASCII));
                    while (cqes.isEmpty()) {
                        backend.poll(-1, r -> { });
                    }
                    Cqe c = cqes.remove(0);
                    assertTrue(c.more(), "a multishot recv stays armed: " + c);
                    int id = c.bufferId();
                    byte[] bytes = buffers.buffer(id).asSlice(0, c.res()).toArray(ValueLayout.JAVA_BYTE);
                    got.add(new String(bytes, StandardCharsets.US_ASCII));
                    buffers.recycle(id);
                }
                assertEquals("msg 0", got.get(0));
                assertEquals("msg 9", got.get(9));
                peer.close();
                while (cqes.isEmpty()) {
                    backend.poll(-1, r -> { });
                }
                Cqe end = cqes.remove(0);
                assertEquals(0, end.res(), "EOF");
                assertFalse(end.more(), "the recv ends at EOF");
                backend.opFinished();
                backend.release(token);
                ours.close();
            }
        }
    }

    @Test
    void bufferCountsMustBePowersOfTwo() {
        try (UringBackend backend = new UringBackend(UringOptions.DEFAULT)) {
            assertThrows(IllegalArgumentException.class, () -> backend.bufferRing((short) 1, 3, 16));
        }
    }
}
