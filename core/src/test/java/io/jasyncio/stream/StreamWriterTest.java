package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.StreamTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamWriter}: writes, {@code drain} while the transport is paused, resumed and lost,
 * half-close, close and {@code waitClosed}. Ports the writer behaviours of CPython's
 * {@code test_streams.py} that do not need a socket, over the fake transport pair.
 */
class StreamWriterTest {
    /** A connection whose b end reads with a tiny limit, and whose a end pauses writing above 10 bytes. */
    private static MemoryConnection slowPeer(LoopHarness h) {
        var c = connect(h.loop(), 4, 4, 4);
        c.ta().setWriteBufferLimits(10, 2);
        return c;
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void everyWriteFormReachesThePeerInOrder(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            StreamWriter w = c.a().writer();
            ByteBuffer buf = ByteBuffer.wrap(b("xxBByy"), 2, 2);
            w.write(b("A"));
            w.write(buf);
            assertFalse(buf.hasRemaining(), "the buffer is consumed");
            w.writeLines(b("C"), b("D"));
            w.writeLines(List.of(ByteBuffer.wrap(b("E")), ByteBuffer.wrap(b("F"))));
            w.writeEof();
            assertEquals("ABBCDEF", s(c.b().reader().read()));
            c.b().writer().close();
            w.close();
            w.waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void drainReturnsWithoutYieldingWhileTheBufferIsBelowTheMark(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            createTask(() -> {
                log.add("other");
            });
            c.a().writer().write(b("hello"));
            c.a().writer().drain();
            log.add("drained");
            assertEquals("hello", s(c.b().reader().readExactly(5)));
            c.a().writer().close();
            c.b().writer().close();
            c.a().writer().waitClosed();
        });
        assertEquals(List.of("drained", "other"), log);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void drainWaitsWhilePausedAndReturnsOnceTheBufferIsDownToTheLowMark(LoopHarness h) {
        h.runBounded(() -> {
            var c = slowPeer(h);
            StreamWriter w = c.a().writer();
            w.write(new byte[40]);
            assertTrue(c.pa().isWritingPaused());
            Task<Void> drain = createTask(w::drain);
            sleep(Duration.ofSeconds(1));
            assertFalse(drain.isDone(), "the peer holds 2 * limit + a chunk and stopped reading");
            StreamReader peer = c.b().reader();
            while (!drain.isDone()) {
                peer.read(100);
                sleep(Duration.ZERO);
            }
            drain.await();
            assertFalse(c.pa().isWritingPaused());
            assertTrue(c.ta().getWriteBufferSize() <= 2);
            assertEquals(1, c.ta().statistics().pauseWritingCalls());
            assertEquals(1, c.ta().statistics().resumeWritingCalls());
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 50)
    void everyWaitingDrainIsWokenByOneResume(LoopHarness h) {
        h.runBounded(() -> {
            var c = slowPeer(h);
            StreamWriter w = c.a().writer();
            w.write(new byte[40]);
            List<Task<Void>> drains = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                drains.add(createTask(w::drain));
            }
            sleep(Duration.ofSeconds(1));
            assertTrue(drains.stream().noneMatch(Task::isDone));
            assertEquals(40, c.b().reader().readExactly(40).length);
            gather(drains);
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancelledDrainLeavesTheOthersWaiting(LoopHarness h) {
        h.runBounded(() -> {
            var c = slowPeer(h);
            StreamWriter w = c.a().writer();
            w.write(new byte[40]);
            Task<Void> cancelled = createTask(w::drain);
            Task<Void> kept = createTask(w::drain);
            sleep(Duration.ZERO);
            cancelled.cancel();
            assertThrows(CancelledError.class, cancelled::await);
            c.b().reader().readExactly(40);
            kept.await();
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aDrainWaitingWhenTheConnectionBreaksThrowsItsException(LoopHarness h) {
        h.runBounded(() -> {
            var c = slowPeer(h);
            StreamWriter w = c.a().writer();
            w.write(new byte[40]);
            Task<Void> drain = createTask(w::drain);
            sleep(Duration.ZERO);
            SocketException reset = new SocketException("Connection reset");
            c.ta().fail(reset);
            assertSame(reset, assertThrows(CompletionException.class, drain::await).getCause());
            assertSame(reset, assertThrows(SocketException.class, w::drain), "later drains: the reader's exception");
            assertSame(reset, assertThrows(SocketException.class, w::waitClosed));
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aDrainWaitingWhenTheConnectionClosesCleanlyReturns(LoopHarness h) {
        h.runBounded(() -> {
            var c = slowPeer(h);
            StreamWriter w = c.a().writer();
            w.write(new byte[40]);
            Task<Void> drain = createTask(w::drain);
            sleep(Duration.ZERO);
            c.ta().abort();
            drain.await();
            assertTrue(c.pa().isConnectionLost());
            w.waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void drainAfterTheConnectionWasLostThrowsConnectionLost(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            StreamWriter w = c.a().writer();
            w.close();
            w.waitClosed();
            SocketException e = assertThrows(SocketException.class, w::drain);
            assertEquals("Connection lost", e.getMessage());
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void drainOnAClosingTransportYieldsSoAWriteLoopSeesTheLostConnection(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            StreamWriter w = c.a().writer();
            c.ta().fail(new SocketException("Broken pipe"));
            int rounds = 0;
            IOException e = null;
            while (e == null && rounds < 100) {
                try {
                    w.write(b("x"));
                    w.drain();
                    rounds++;
                } catch (IOException x) {
                    e = x;
                }
            }
            assertNotNull(e, "without the yield a write-and-drain loop never lets connectionLost run");
            assertEquals(0, rounds);
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void drainThrowsTheReadersExceptionFirst(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            IOException boom = new IOException("boom");
            c.a().reader().setException(boom);
            assertSame(boom, assertThrows(IOException.class, c.a().writer()::drain));
            c.a().writer().close();
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeEndsTheConnectionAndWaitClosedReturnsOnceItIsLost(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            StreamWriter w = c.a().writer();
            w.write(b("bye"));
            assertFalse(w.isClosing());
            w.close();
            assertTrue(w.isClosing());
            assertFalse(c.pa().isConnectionLost(), "close flushes first");
            w.waitClosed();
            assertTrue(c.pa().isConnectionLost());
            assertTrue(c.a().reader().atEof(), "the writer's own reader ends at EOF when its connection closes");
            assertEquals("bye", s(c.b().reader().read()), "buffered bytes are delivered before the close");
            w.close();
            w.waitClosed();
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void waitClosedThrowsTheExceptionTheConnectionWasLostWith(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            SocketException reset = new SocketException("Connection reset");
            Task<Void> waiting = createTask(c.a().writer()::waitClosed);
            sleep(Duration.ZERO);
            c.ta().fail(reset);
            assertSame(reset, assertThrows(CompletionException.class, waiting::await).getCause());
            assertSame(reset, assertThrows(SocketException.class, c.a().writer()::waitClosed));
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancelledWaitClosedDoesNotDisturbTheOtherWaiters(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            StreamWriter w = c.a().writer();
            Task<Void> cancelled = createTask(w::waitClosed);
            Task<Void> kept = createTask(w::waitClosed);
            sleep(Duration.ZERO);
            cancelled.cancel();
            assertThrows(CancelledError.class, cancelled::await);
            w.close();
            kept.await();
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void tryWithResourcesClosesTheWriter(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            try (StreamWriter w = c.a().writer()) {
                w.write(b("x"));
            }
            assertTrue(c.ta().isClosing());
            try (StreamPair p = c.b()) {
                assertEquals("x", s(p.reader().read()));
            }
            assertTrue(c.tb().isClosing());
            c.a().writer().waitClosed();
            c.b().writer().waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writeEofHalfClosesAndTheConnectionStillCarriesTheReply(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            assertTrue(c.a().writer().canWriteEof());
            c.a().writer().write(b("question"));
            c.a().writer().writeEof();
            assertThrows(IllegalStateException.class, () -> c.a().writer().write(b("more")));
            assertEquals("question", s(c.b().reader().read()));
            assertTrue(c.b().reader().atEof());
            assertFalse(c.tb().isClosing(), "eofReceived kept the peer open for writing");
            c.b().writer().write(b("answer"));
            c.b().writer().close();
            assertEquals("answer", s(c.a().reader().read()));
            assertFalse(c.ta().isClosing(), "a half-closed end closes only when told to");
            c.a().writer().close();
            c.a().writer().waitClosed();
            c.b().writer().waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writeEofOnATransportThatCannotThrows(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            Transport noEof = new ForwardingTransport(c.ta()) {
                @Override
                public boolean canWriteEof() {
                    return false;
                }

                @Override
                public void writeEof() {
                    throw new UnsupportedOperationException("TLS");
                }
            };
            StreamWriter w = new StreamWriter(noEof, c.pa(), c.a().reader());
            assertFalse(w.canWriteEof());
            assertThrows(UnsupportedOperationException.class, w::writeEof);
            w.close();
            c.b().writer().close();
            w.waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void extraInfoAndTheTransportComeFromTheTransport(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            StreamWriter w = c.a().writer();
            assertSame(c.ta(), w.transport());
            assertEquals(new InetSocketAddress("127.0.0.1", 2222), w.getExtraInfo(BaseTransport.PEERNAME));
            assertNull(w.getExtraInfo("nothing"));
            assertEquals("dflt", w.getExtraInfo("nothing", "dflt"));
            assertTrue(w.toString().startsWith("StreamWriter[transport=MemoryTransport[a"), w.toString());
            w.close();
            c.b().writer().close();
        });
    }

    @Test
    void aWriterNeedsATransportAndAProtocol() {
        StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader());
        assertThrows(NullPointerException.class, () -> new StreamWriter(null, p, null));
        assertThrows(NullPointerException.class, () -> new StreamWriter(new ForwardingTransport(null), null, null));
    }
}
