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

    @Test
    void closeChannelDeregistersBeforeItReturns() throws Exception {
        SocketChannel[] p = pair();
        try (EventLoop loop = new SelectorEventLoop(); SocketChannel peer = p[1]) {
            SocketChannel ch = p[0];
            loop.runUntilComplete(loop.createTask(() -> {
                Asyncio.getRunningLoop().addReader(ch, () -> { });
                Asyncio.sleep(Duration.ZERO);
                assertTrue(ch.isRegistered());
                Asyncio.getRunningLoop().closeChannel(ch);
                assertFalse(ch.isOpen());
                assertFalse(ch.isRegistered(), "registered after closeChannel returned");
                return null;
            }));
        }
    }

    @Test
    void closeChannelSoonDeregistersAtTheNextPoll() throws Exception {
        SocketChannel[] p = pair();
        try (EventLoop loop = new SelectorEventLoop(); SocketChannel peer = p[1]) {
            SocketChannel ch = p[0];
            loop.runUntilComplete(loop.createTask(() -> {
                Asyncio.getRunningLoop().addReader(ch, () -> { });
                Asyncio.sleep(Duration.ZERO);
                Asyncio.getRunningLoop().closeChannelSoon(ch);
                assertFalse(ch.isOpen());
                assertTrue(ch.isRegistered(), "closeChannelSoon flushed at once");
                Asyncio.sleep(Duration.ZERO); // one loop iteration: one poll
                assertFalse(ch.isRegistered(), "still registered after the next poll");
                return null;
            }));
        }
    }

    @Test
    void aRunThatEndsFlushesWhatCloseChannelSoonLeft() throws Exception {
        SocketChannel[] p = pair();
        try (EventLoop loop = new SelectorEventLoop(); SocketChannel peer = p[1]) {
            SocketChannel ch = p[0];
            loop.runUntilComplete(loop.createTask(() -> {
                Asyncio.getRunningLoop().addReader(ch, () -> { });
                Asyncio.sleep(Duration.ZERO);
                Asyncio.getRunningLoop().closeChannelSoon(ch);
                return null;
            }));
            assertFalse(ch.isRegistered(), "the descriptor outlived the run");
            // The peer sees the end: the descriptor is closed, so a read returns -1.
            assertTrue(peer.read(java.nio.ByteBuffer.allocate(1)) < 0);
        }
    }
}
