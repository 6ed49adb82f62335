package io.jasyncio.http.ws;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.LoopKind;
import io.jasyncio.Task;
import io.jasyncio.http.ws.frame.PerMessageDeflate;
import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsEvent;
import io.jasyncio.http.ws.frame.WsLimits;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A WebSocket over an in-memory connection: messages, the close handshake, failures, cancellation. */
class WebSocketTest {
    static final WebSocketOptions PLAIN = WebSocketOptions.DEFAULTS;

    /** A client WebSocket on {@code a} and a server WebSocket on {@code b}. */
    record Ends(WebSocket client, WebSocket server, MemoryTransport.Pair pair) {
        static Ends open(LoopHarness h, WebSocketOptions options, PerMessageDeflate.Params deflate) {
            MemoryTransport.Pair p = MemoryTransport.pair(h.loop());
            return new Ends(WebSocket.over(p.a(), null, Role.CLIENT, options, deflate, "chat"),
                    WebSocket.over(p.b(), null, Role.SERVER, options, deflate, "chat"), p);
        }
    }

    /** A WebSocket of {@code role} on {@code a} and a scripted peer of the other role on {@code b}. */
    record Scripted(WebSocket ws, FramePeer peer, MemoryTransport.Pair pair) {
        static Scripted open(LoopHarness h, Role role, WebSocketOptions options) {
            MemoryTransport.Pair p = MemoryTransport.pair(h.loop());
            FramePeer peer = new FramePeer(role == Role.CLIENT ? Role.SERVER : Role.CLIENT);
            p.b().connect(peer);
            return new Scripted(WebSocket.over(p.a(), null, role, options, null, null), peer, p);
        }
    }

    @LoopTest
    void textAndBinaryMessagesTravelBothWays(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            e.client().send("hello");
            e.client().send(new byte[] {1, 2, 3});
            assertEquals(new Message.Text("hello"), e.server().receive());
            assertArrayEquals(new byte[] {1, 2, 3}, e.server().receive().bytes());
            ByteBuffer buf = ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8));
            e.server().send(buf);
            assertEquals(0, buf.position(), "send does not move the buffer");
            assertArrayEquals("xyz".getBytes(StandardCharsets.UTF_8), ((Message.Binary) e.client().receive()).data());
            assertEquals("chat", e.client().subprotocol());
            assertEquals(e.pair().a(), e.client().transport());
            e.client().close();
            e.server().close();
        });
    }

    @LoopTest
    void compressedMessagesRoundTrip(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, PerMessageDeflate.Params.DEFAULTS);
            assertTrue(e.client().compressed());
            String big = "abc".repeat(10_000);
            e.client().send(big);
            e.server().send(big);
            assertEquals(big, ((Message.Text) e.server().receive()).text());
            assertEquals(big, ((Message.Text) e.client().receive()).text());
            assertTrue(e.pair().a().statistics().bytesWritten() < 3_000, "compressed on the wire");
            e.client().close();
        });
    }

    @LoopTest(seeds = 8)
    void iterationEndsQuietlyAtANormalClose(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            Task<List<String>> reader = Asyncio.createTask(() -> {
                List<String> got = new ArrayList<>();
                for (Message m : e.server()) {
                    got.add(((Message.Text) m).text());
                }
                return got;
            });
            e.client().send("one");
            e.client().send("two");
            e.client().close();
            assertEquals(List.of("one", "two"), reader.await());
            assertTrue(e.client().isClosed());
            assertEquals(1000, e.client().closeCode());
            assertEquals(1000, e.server().closeCode());
            eventually(() -> e.server().isClosed());
        });
    }

    @LoopTest
    void iterationThrowsWhenTheConnectionIsLost(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            e.pair().a().abort();
            UncheckedIOException x = assertThrows(UncheckedIOException.class, () -> {
                for (Message m : e.server()) {
                    throw new AssertionError("no message was sent: " + m);
                }
            });
            assertEquals(1006, ((WebSocketClosedException) x.getCause()).code());
            assertTrue(e.server().isClosed());
            assertEquals(1006, e.server().closeCode());
        });
    }

    @LoopTest(seeds = 8)
    void closeCarriesItsCodeAndReasonToThePeer(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            e.client().close(4001, "done here");
            WebSocketClosedException x = assertThrows(WebSocketClosedException.class, () -> e.server().receive());
            assertEquals(4001, x.code());
            assertEquals("done here", x.reason());
            assertFalse(x.isNormal());
            assertEquals(4001, e.client().closeCode(), "the server echoed the code");
            assertThrows(WebSocketClosedException.class, () -> e.client().send("late"));
            e.server().close();
        });
    }

    @LoopTest(seeds = 8)
    void messagesQueuedBeforeThePeersCloseAreStillReceived(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.SERVER, PLAIN);
            s.peer().send(s.peer().encoder.text("a"));
            s.peer().send(s.peer().encoder.text("b"));
            s.peer().send(s.peer().encoder.close(1001, "bye"));
            eventually(() -> s.peer().lost);
            assertEquals(List.of(new WsEvent.Close(1001, "")), s.peer().events, "answered with no task receiving");
            assertEquals(new Message.Text("a"), s.ws().receive());
            assertEquals(new Message.Text("b"), s.ws().receive());
            WebSocketClosedException x = assertThrows(WebSocketClosedException.class, () -> s.ws().receive());
            assertEquals(1001, x.code());
            assertEquals("bye", x.reason());
            assertTrue(x.isNormal());
        });
    }

    @LoopTest
    void aCloseWithoutACodeIsEchoedEmpty(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.SERVER, PLAIN);
            s.peer().send(s.peer().encoder.close(1005, ""));
            eventually(() -> s.peer().lost);
            assertEquals(List.of(new WsEvent.Close(1005, "")), s.peer().events);
            assertEquals(1005, s.ws().closeCode());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeGivesUpOnASilentPeerAfterTheCloseTimeout(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN.withCloseTimeout(Duration.ofSeconds(3)));
            long t0 = h.loop().time();
            s.ws().close(1000, "bye");
            assertEquals(Duration.ofSeconds(3).toNanos(), h.loop().time() - t0);
            assertTrue(s.ws().isClosed());
            assertEquals(1006, s.ws().closeCode());
            assertEquals(List.of(new WsEvent.Close(1000, "bye")), s.peer().events);
            eventually(() -> s.peer().lost);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aClientWaitsForTheServerToCloseTheConnectionThenDropsIt(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN.withCloseTimeout(Duration.ofSeconds(2)));
            s.peer().send(s.peer().encoder.close(1000, ""));
            assertThrows(WebSocketClosedException.class, () -> s.ws().receive());
            assertFalse(s.ws().isClosed(), "RFC 6455 §7.1.1: the server closes the TCP connection first");
            long t0 = h.loop().time();
            eventually(() -> s.ws().isClosed());
            assertTrue(h.loop().time() - t0 >= Duration.ofMillis(1999).toNanos());
            assertEquals(1000, s.ws().closeCode(), "the peer's code, though the connection was dropped");
        });
    }

    @LoopTest
    void pingsAreAnsweredWithTheirPayload(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.SERVER, PLAIN);
            s.peer().send(s.peer().encoder.ping("hi".getBytes(StandardCharsets.UTF_8)));
            eventually(() -> !s.peer().events.isEmpty());
            assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), s.peer().received(WsEvent.Pong.class).getFirst().payload());
            s.ws().ping(new byte[] {7});
            eventually(() -> s.peer().events.size() == 2);
            assertArrayEquals(new byte[] {7}, s.peer().received(WsEvent.Ping.class).getFirst().payload());
            s.peer().send(s.peer().encoder.pong(new byte[] {7}));
            s.peer().send(s.peer().encoder.text("after"));
            assertEquals(new Message.Text("after"), s.ws().receive(), "pongs never surface as messages");
            assertThrows(IllegalArgumentException.class, () -> s.ws().ping(new byte[126]));
            s.pair().a().abort();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theHeartbeatKeepsALivePeerOpen(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN.withHeartbeat(Duration.ofSeconds(1)), null);
            Asyncio.sleep(Duration.ofSeconds(30));
            assertFalse(e.client().isClosed());
            assertEquals(-1, e.client().closeCode());
            e.client().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aMissingPongFailsTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT,
                    PLAIN.withHeartbeat(Duration.ofSeconds(2)).withHeartbeatTimeout(Duration.ofMillis(500)));
            long t0 = h.loop().time();
            WebSocketClosedException x = assertThrows(WebSocketClosedException.class, () -> s.ws().receive());
            assertEquals(Duration.ofMillis(2500).toNanos(), h.loop().time() - t0);
            assertEquals(1006, x.code(), "aiohttp reports a missing pong as 1006");
            assertEquals(1006, s.ws().closeCode());
            eventually(() -> s.peer().lost);
            assertInstanceOf(WsEvent.Ping.class, s.peer().events.get(0));
            assertEquals(1011, ((WsEvent.Close) s.peer().events.get(1)).code(), "the peer is told 1011, as websockets does");
        });
    }

    @LoopTest
    void anUnmaskedFrameToAServerIsAProtocolError(LoopHarness h) {
        h.runBounded(() -> {
            MemoryTransport.Pair p = MemoryTransport.pair(h.loop());
            FramePeer peer = new FramePeer(Role.CLIENT);
            p.b().connect(peer);
            WebSocket ws = WebSocket.over(p.a(), null, Role.SERVER, PLAIN, null, null);
            peer.send(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}));   // a client's frame must be masked
            WebSocketClosedException x = assertThrows(WebSocketClosedException.class, ws::receive);
            assertEquals(1002, x.code());
            eventually(() -> peer.lost);
            assertEquals(1002, ((WsEvent.Close) peer.events.getFirst()).code());
            assertEquals(1002, ws.closeCode());
        });
    }

    @LoopTest
    void invalidUtf8ClosesWith1007(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN);
            s.peer().send(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x01, (byte) 0xFF}));
            assertEquals(1007, assertThrows(WebSocketClosedException.class, () -> s.ws().receive()).code());
            eventually(() -> s.peer().lost);
            assertEquals(1007, ((WsEvent.Close) s.peer().events.getFirst()).code());
        });
    }

    @LoopTest
    void aMessageOverTheLimitClosesWith1009(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN.withLimits(WsLimits.DEFAULTS.withMaxMessageSize(10)));
            s.peer().send(s.peer().encoder.binary(ByteBuffer.wrap(new byte[11])));
            assertEquals(1009, assertThrows(WebSocketClosedException.class, () -> s.ws().receive()).code());
            eventually(() -> s.peer().lost);
            assertEquals(1009, ((WsEvent.Close) s.peer().events.getFirst()).code());
        });
    }

    @LoopTest
    void sendSuspendsAboveTheHighWaterMarkUntilThePeerReads(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN);
            s.pair().a().setWriteBufferLimits(1000);
            s.pair().b().pauseReading();
            Task<Void> sender = Asyncio.createTask(() -> {
                s.ws().send(new byte[5000]);
                return null;
            });
            for (int i = 0; i < 10; i++) {
                Asyncio.sleep(Duration.ZERO);
            }
            assertFalse(sender.isDone(), "the sender waits while the buffer is over the mark");
            s.pair().b().resumeReading();
            sender.await();
            eventually(() -> !s.peer().events.isEmpty());
            assertEquals(5000, s.peer().received(WsEvent.Binary.class).getFirst().data().length);
            s.pair().a().abort();
        });
    }

    @LoopTest
    void aCancelledSendLeavesTheSocketUsable(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN);
            s.pair().a().setWriteBufferLimits(1000);
            s.pair().b().pauseReading();
            Task<Void> sender = Asyncio.createTask(() -> {
                s.ws().send(new byte[5000]);
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            sender.cancel();
            assertThrows(CancelledError.class, sender::await);
            s.pair().b().resumeReading();
            s.ws().send("next");
            eventually(() -> s.peer().events.size() == 2);
            assertEquals(5000, s.peer().received(WsEvent.Binary.class).getFirst().data().length, "the message went out whole");
            assertEquals("next", s.peer().received(WsEvent.Text.class).getFirst().text());
            s.pair().a().abort();
        });
    }

    @LoopTest
    void aSenderWaitingOnAPeerThatGoesAwayGetsTheClosedException(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.SERVER, PLAIN);
            s.pair().a().setWriteBufferLimits(1000);
            s.pair().b().pauseReading();
            Task<Void> sender = Asyncio.createTask(() -> {
                s.ws().send(new byte[5000]);
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertFalse(sender.isDone());
            s.pair().b().abort();
            java.util.concurrent.CompletionException x = assertThrows(java.util.concurrent.CompletionException.class, sender::await);
            assertEquals(1006, ((WebSocketClosedException) x.getCause()).code());
            assertTrue(s.ws().isClosed());
        });
    }

    @LoopTest(seeds = 8)
    void aCancelledReceiveLosesNothing(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            Task<Message> r = Asyncio.createTask(() -> e.server().receive());
            Asyncio.sleep(Duration.ZERO);
            r.cancel();
            assertThrows(CancelledError.class, r::await);
            e.client().send("kept");
            assertEquals(new Message.Text("kept"), e.server().receive());
            e.client().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancelledCloseDropsTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN);
            Task<Void> closer = Asyncio.createTask(() -> {
                s.ws().close();
                return null;
            });
            Asyncio.sleep(Duration.ofSeconds(1));
            closer.cancel();
            assertThrows(CancelledError.class, closer::await);
            eventually(() -> s.ws().isClosed());
            assertEquals(1006, s.ws().closeCode());
            eventually(() -> s.peer().lost);
        });
    }

    @LoopTest
    void readingPausesWhileTooManyBytesWaitForTheApplication(LoopHarness h) {
        h.runBounded(() -> {
            Scripted s = Scripted.open(h, Role.CLIENT, PLAIN);
            int n = 3 * WebSocket.QUEUE_HIGH / 65536;
            for (int i = 0; i < n; i++) {
                s.peer().send(s.peer().encoder.binary(ByteBuffer.allocate(65536)));
            }
            eventually(() -> s.pair().a().statistics().pauseReadingCalls() > 0);
            for (int i = 0; i < n; i++) {
                assertEquals(65536, s.ws().receive().bytes().length);
            }
            assertTrue(s.pair().a().statistics().resumeReadingCalls() > 0);
            s.pair().a().abort();
        });
    }

    @LoopTest(seeds = 8)
    void iterationEndsQuietlyWhenThisSideClosesWhateverTheCode(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            Task<Integer> reader = Asyncio.createTask(() -> {
                int n = 0;
                for (Message m : e.server()) {
                    n++;
                }
                return n;
            });
            e.client().send("x");
            Asyncio.sleep(Duration.ZERO);
            e.server().close(4444, "policy of the app");
            assertEquals(1, reader.await());
            assertEquals(4444, e.server().closeCode());
            eventually(() -> e.client().isClosed());
        });
    }

    @LoopTest(seeds = 8)
    void everythingWorksWhenBytesArriveOneAtATime(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, PerMessageDeflate.Params.DEFAULTS);
            e.pair().a().setChunkSize(1);
            e.pair().b().setChunkSize(1);
            e.client().send("héllo wörld");
            e.client().ping(new byte[] {1, 2});
            e.client().send(new byte[300]);
            assertEquals(new Message.Text("héllo wörld"), e.server().receive());
            assertEquals(300, e.server().receive().bytes().length);
            e.server().send("back");
            assertEquals(new Message.Text("back"), e.client().receive());
            e.client().close(1000, "done");
            assertEquals(1000, e.client().closeCode());
            assertEquals("done", e.server().closeReason());
        });
    }

    @LoopTest
    void argumentsAreChecked(LoopHarness h) {
        h.runBounded(() -> {
            Ends e = Ends.open(h, PLAIN, null);
            assertThrows(IllegalArgumentException.class, () -> e.client().close(1006, ""));
            assertThrows(IllegalArgumentException.class, () -> e.client().close(1000, "x".repeat(124)));
            e.pair().a().abort();
            eventually(() -> e.server().isClosed());
            assertThrows(IllegalStateException.class,
                    () -> WebSocket.over(e.pair().a(), null, Role.CLIENT, PLAIN, null, null));
            e.client().close();   // already gone: returns at once
            assertTrue(e.client().toString().contains("closed 1006"), e.client().toString());
        });
    }
}
