package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Faults under way, with our side busy: a peer that resets (SO_LINGER 0 close) while our server
 * keeps writing as fast as backpressure allows, and connects nobody answers. (A connect that
 * times out is {@link ConnectTimeoutTest}'s: a full listen queue on 127.0.0.1, since no test may
 * reach beyond loopback; a reset of a transport with a big buffered write is
 * {@link SocketTransportTest}'s.)
 */
class FaultsTest {
    /** What the peer reads before it resets: enough for several pause/resume rounds. */
    // Far beyond what the kernel buffers between the two ends (the peer's receive buffer is
    // pinned small below), so the writer must pause and resume: with 4 MiB and default buffers the
    // test failed after earlier bulk transfers on loopback, whose cached TCP metrics start new
    // connections with large windows.
    private static final int READ_BEFORE_RESET = 16 << 20;

    /** Writes as long as it is not paused, forever; records everything else as {@link Recorder}. */
    static final class EndlessWriter extends Recorder {
        private final byte[] chunk = pattern(64 * 1024);
        private boolean paused;
        long written;
        Future<Transport> connected;

        @Override
        public void connectionMade(Transport t) {
            super.connectionMade(t);
            connected.setResult(t);
            pump();
        }

        @Override
        public void pauseWriting() {
            super.pauseWriting();
            paused = true;
        }

        @Override
        public void resumeWriting() {
            super.resumeWriting();
            paused = false;
            pump();
        }

        private void pump() {
            while (!paused && !transport.isClosing()) {
                transport.write(chunk);
                written += chunk.length;
            }
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aPeerThatResetsWhileOurServerKeepsWritingEndsTheConnectionOnceWithAnError(LoopHarness h) {
        h.runBounded(() -> {
            Future<Transport> connected = getRunningLoop().createFuture();
            EndlessWriter[] writer = new EndlessWriter[1];
            Server server = Network.createServer(() -> {
                writer[0] = new EndlessWriter();
                writer[0].connected = connected;
                return writer[0];
            }, LOOPBACK, 0);
            try (SocketChannel peer = socket()) {
                peer.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024); // before connect: a small window
                Network.sockConnect(peer, new InetSocketAddress(LOOPBACK, port(server)));
                Transport transport = connected.await();
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                for (long read = 0; read < READ_BEFORE_RESET; ) {
                    buf.clear();
                    read += Network.sockRecvInto(peer, buf);
                }
                EndlessWriter w = writer[0];
                assertTrue(w.pauses > 0 && w.resumes > 0, "the writer went through backpressure: " + w.pauses + " pauses");
                // At least level, not ahead: a completion transport (io_uring) resumes the writer
                // only when its send's completion is processed, which may be after the peer read
                // the last byte sent.
                assertTrue(w.written >= READ_BEFORE_RESET, "still writing");
                // Linger 0: close sends RST instead of FIN, with our bytes still in flight.
                peer.setOption(StandardSocketOptions.SO_LINGER, 0);
                peer.close();
                w.awaitLost();
                sleep(Duration.ZERO);
                assertEquals(1, w.connectionLostCalls);
                assertInstanceOf(IOException.class, w.lost.getFirst(), "a reset is an error, not a clean end");
                assertFalse(((SocketChannel) transport.getExtraInfo(Transport.SOCKET)).isOpen(), "our socket is closed");
                assertTrue(transport.isClosing());
                assertEquals(0, transport.getWriteBufferSize(), "nothing kept for a dead peer");
                assertTrue(h.takeUnhandled().isEmpty(), "a reset is the protocol's to handle, not the loop's");
                // The server forgets the connection: waitClosed does not wait for it.
                server.close();
                server.waitClosed();
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aConnectToAPortNobodyListensOnNamesTheHostAsGivenAndThePort(LoopHarness h) throws IOException {
        int port = closedPort();
        h.runBounded(() -> {
            ConnectException e = assertThrows(ConnectException.class, () -> Network.createConnection(Recorder::new, "localhost", port));
            assertTrue(e.getMessage().contains("localhost"), e.getMessage());
            assertTrue(e.getMessage().contains(":" + port), e.getMessage());
        });
    }
}
