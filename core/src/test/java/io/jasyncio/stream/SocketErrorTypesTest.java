package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Refused, reset and broken pipe are told apart as asyncio's {@code ConnectionRefusedError},
 * {@code ConnectionResetError} and {@code BrokenPipeError} (issue 8, section 2), on real loopback
 * sockets.
 */
class SocketErrorTypesTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** A port nobody listens on (bound, then closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A non-blocking channel connected to a peer that then reset the connection (SO_LINGER 0). */
    private static SocketChannel connectedToAResetPeer() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketChannel ch = SocketChannel.open(listener.getLocalSocketAddress());
            try (Socket peer = listener.accept()) {
                peer.setSoLinger(true, 0);
            }
            ch.configureBlocking(false);
            return ch;
        }
    }

    @LoopTest
    void aConnectNobodyListensForIsRefused(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            int port = closedPort();
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> Streams.openConnection("127.0.0.1", port));
            assertInstanceOf(ConnectException.class, e, "still the JDK's type for a failed connect");
            try (SocketChannel ch = SocketChannel.open()) {
                ch.configureBlocking(false);
                assertThrows(ConnectionRefusedException.class,
                        () -> Network.sockConnect(ch, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
        }));
    }

    @LoopTest
    void aReadFromAResetConnectionIsAConnectionReset(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            try (SocketChannel ch = connectedToAResetPeer()) {
                assertThrows(ConnectionResetException.class, () -> Network.sockRecv(ch, 10));
            }
        }));
    }

    @LoopTest
    void writingOnAfterAResetIsABrokenPipe(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            try (SocketChannel ch = connectedToAResetPeer()) {
                // The first failing write reports the reset itself; the ones after it, the pipe.
                assertThrows(ConnectionResetException.class, () -> Network.sockSendAll(ch, ByteBuffer.wrap(new byte[] {1})));
                assertThrows(BrokenPipeException.class, () -> Network.sockSendAll(ch, ByteBuffer.wrap(new byte[] {2})));
            }
        }));
    }

    @LoopTest
    void aStreamReadAfterThePeerResetIsAConnectionReset(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                StreamPair client = Streams.openConnection("127.0.0.1", listener.getLocalPort());
                try (Socket peer = listener.accept()) {
                    peer.setSoLinger(true, 0);
                }
                assertThrows(ConnectionResetException.class, () -> client.reader().read(10));
                client.writer().close();
            }
        }));
    }

    @LoopTest
    void drainAfterTheConnectionWasLostIsAConnectionReset(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                StreamPair client = Streams.openConnection("127.0.0.1", listener.getLocalPort());
                listener.accept().close();
                client.writer().transport().abort();
                Asyncio.sleep(Duration.ZERO);
                ConnectionResetException e = assertThrows(ConnectionResetException.class, () -> client.writer().drain());
                assertEquals("Connection lost", e.getMessage());
            }
        }));
    }
}
