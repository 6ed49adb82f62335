package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closing a channel the loop watched closes it at once (issue 8, section 2), checked on real
 * loopback sockets: the JDK defers the close of a channel still registered with a selector to
 * the next poll, which turned an abort into a clean end for the peer and let a closed server
 * complete handshakes.
 */
class SocketCloseTest {
    /** Generous: nothing here waits for time, only for loopback I/O. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String LOOPBACK = "127.0.0.1";

    /** A protocol that never reads: what the peer sends stays unread in the socket. */
    private static final class Unread implements Protocol {
        final Future<Transport> made;

        Unread(Future<Transport> made) {
            this.made = made;
        }

        @Override
        public void connectionMade(Transport transport) {
            // Paused once reading has started, so the socket is registered with the selector
            // (as any connection that has read is) when it is aborted.
            transport.loop().callSoon(() -> {
                transport.pauseReading();
                made.setResult(transport);
            });
        }

        @Override
        public void dataReceived(ByteBuffer data) {
        }
    }

    private static int port(Server s) {
        return ((InetSocketAddress) s.sockets().getFirst()).getPort();
    }

    @LoopTest
    void abortWithUnreadBytesResetsThePeerInsteadOfEndingCleanly(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            Future<Transport> accepted = Asyncio.getRunningLoop().createFuture();
            try (Server server = Network.createServer(() -> new Unread(accepted), LOOPBACK, 0)) {
                try (Socket peer = new Socket(LOOPBACK, port(server))) {
                    peer.getOutputStream().write(new byte[] {1, 2, 3});
                    Transport t = accepted.await();
                    // A thread blocked in read() sees the first thing that arrives. With a deferred
                    // close that was the FIN (the JDK shuts a registered channel's output down at
                    // once), read as a clean end of stream; the RST followed at the next poll.
                    InputStream in = peer.getInputStream();
                    CompletableFuture<Object> read = new CompletableFuture<>();
                    Thread.ofVirtual().start(() -> {
                        try {
                            read.complete(in.read());
                        } catch (IOException e) {
                            read.complete(e);
                        }
                    });
                    t.abort();
                    // Two steps: the transport's connectionLost (which closes the socket) runs first.
                    Asyncio.sleep(Duration.ZERO);
                    Asyncio.sleep(Duration.ZERO);
                    // Block the loop thread on purpose, so that it does not poll (and so flush a
                    // deferred close) before the peer has read.
                    Object outcome = read.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                    assertInstanceOf(SocketException.class, outcome, "the peer read " + outcome + " instead of a reset");
                    assertTrue(((SocketException) outcome).getMessage().contains("reset"), outcome.toString());
                }
            }
        }));
    }

    @LoopTest
    void abortWithUnreadBytesIsAConnectionResetForAStreamPeer(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            Future<Transport> accepted = Asyncio.getRunningLoop().createFuture();
            try (Server server = Network.createServer(() -> new Unread(accepted), LOOPBACK, 0)) {
                StreamPair client = Streams.openConnection(LOOPBACK, port(server));
                client.writer().write(new byte[] {1, 2, 3});
                client.writer().drain();
                accepted.await().abort();
                assertThrows(ConnectionResetException.class, () -> client.reader().read(10));
                client.writer().close();
            }
        }));
    }

    @LoopTest
    void aConnectRightAfterServerCloseAndWaitClosedIsRefused(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            Server server = Network.createServer(() -> new Unread(Asyncio.getRunningLoop().createFuture()), LOOPBACK, 0);
            int port = port(server);
            server.close();
            server.waitClosed();
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> Streams.openConnection(LOOPBACK, port));
            assertTrue(e.getMessage().contains(LOOPBACK + ":" + port), e.getMessage());
        }));
    }
}
