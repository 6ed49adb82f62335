package io.jasyncio.loop;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CallbackLoop#closeChannel} ends a channel's selector registration before it returns;
 * {@link CallbackLoop#closeChannelSoon} leaves it to the next poll, or to the end of the run,
 * so that sockets closed together share one flush (10,000 peers leaving at once used to cost a
 * selectNow each, a quadratic teardown; found by the HTTP server's many-connections test,
 * issue 9).
 */
class CloseChannelTest {
    /** A connected pair on loopback; the caller closes both. */
    private static SocketChannel[] pair() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            SocketChannel server = listener.accept();
            server.configureBlocking(false);
            return new SocketChannel[] {server, client};
        }
    }

    /** What a test does with a socket the loop watches, on that loop's thread. */
    private interface OnLoop {
        void run(CallbackLoop loop, SocketChannel ch) throws Exception;
    }

    /**
     * Runs {@code body} in a task on a fresh selector loop, with one end of a loopback pair
     * registered for reading and polled once; returns the other end, still open, for checks
     * after the run (the caller closes it).
     */
    private static SocketChannel withWatchedSocket(OnLoop body, EventLoop loop) throws Exception {
        SocketChannel[] p = pair();
        SocketChannel ch = p[0];
        loop.runUntilComplete(loop.createTask(() -> {
            CallbackLoop running = Asyncio.getRunningLoop();
            running.addReader(ch, () -> { });
            Asyncio.sleep(Duration.ZERO);
            assertTrue(ch.isRegistered());
            body.run(running, ch);
            return null;
        }));
        return p[1];
    }

    @Test
    void closeChannelDeregistersBeforeItReturns() throws Exception {
        try (EventLoop loop = new SelectorEventLoop();
                SocketChannel peer = withWatchedSocket((running, ch) -> {
                    running.closeChannel(ch);
                    assertFalse(ch.isOpen());
                    assertFalse(ch.isRegistered(), "registered after closeChannel returned");
                }, loop)) {
            assertTrue(peer.isOpen());
        }
    }

    @Test
    void closeChannelSoonDeregistersAtTheNextPoll() throws Exception {
        try (EventLoop loop = new SelectorEventLoop();
                SocketChannel peer = withWatchedSocket((running, ch) -> {
                    running.closeChannelSoon(ch);
                    assertFalse(ch.isOpen());
                    assertTrue(ch.isRegistered(), "closeChannelSoon flushed at once");
                    Asyncio.sleep(Duration.ZERO); // one loop iteration: one poll
                    assertFalse(ch.isRegistered(), "still registered after the next poll");
                }, loop)) {
            assertTrue(peer.isOpen());
        }
    }

    @Test
    void aRunThatEndsFlushesWhatCloseChannelSoonLeft() throws Exception {
        SocketChannel[] closed = new SocketChannel[1];
        try (EventLoop loop = new SelectorEventLoop();
                SocketChannel peer = withWatchedSocket((running, ch) -> {
                    running.closeChannelSoon(ch);
                    closed[0] = ch;
                }, loop)) {
            assertFalse(closed[0].isRegistered(), "the descriptor outlived the run");
            // The peer sees the end: the descriptor is closed, so a read returns -1.
            assertTrue(peer.read(java.nio.ByteBuffer.allocate(1)) < 0);
        }
    }
}
