package io.jasyncio.stream.tls;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.stream.tls.TlsTestSupport.*;
import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Flow control through the TLS layer, both ways: the application is paused when its writes
 * pile up (including because the raw transport paused), reading pauses and resumes, a long read
 * pause pauses the raw transport, and a large transfer stays under the marks. Virtual time.
 */
class TlsFlowControlTest {
    static final int CHUNK = 64 * 1024;

    /** Counts and digests what arrives, pausing its reading now and then. */
    static final class Sink extends Recorder {
        final MessageDigest digest = sha256();
        long received;
        long nextPauseAt = 1 << 20;

        @Override
        public void dataReceived(java.nio.ByteBuffer b) {
            received += b.remaining();
            digest.update(b);
            poke();
            if (received >= nextPauseAt) {
                nextPauseAt += 1 << 20;
                Transport t = transport;
                t.pauseReading();
                t.loop().callLater(Duration.ofMillis(5), t::resumeReading);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void eightMebibytesArriveIntactWhileEveryBufferStaysUnderItsMark(LoopHarness h) {
        Recorder client = new Recorder();
        Sink server = new Sink();
        long total = 8L << 20;
        MessageDigest sent = sha256();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 16 * 1024);
            p.awaitBoth();
            Transport t = client.transport;
            int maxTls = 0;
            long written = 0;
            int i = 0;
            while (written < total) {
                if (client.writingPaused) {
                    client.waitUntil(() -> !client.writingPaused);
                }
                byte[] chunk = pattern(CHUNK);
                chunk[0] = (byte) i++;
                sent.update(chunk);
                t.write(chunk);
                written += CHUNK;
                maxTls = Math.max(maxTls, t.getWriteBufferSize());
            }
            server.waitUntil(() -> server.received == total);
            assertArrayEquals(sent.digest(), server.digest.digest());
            assertTrue(client.pauses > 0, "the writer was paused at least once");
            assertEquals(client.pauses, client.resumes);
            assertTrue(maxTls <= t.getWriteBufferHighWater() + CHUNK + 1024,
                    "TLS buffer peaked at " + maxTls);
            assertTrue(p.rawClient().statistics().maxWriteBufferSize() <= p.rawClient().getWriteBufferHighWater() + 17 * 1024,
                    "raw buffer peaked at " + p.rawClient().statistics().maxWriteBufferSize());
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aRawTransportThatPausesWritingPausesTheApplicationInTurn(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            p.rawServer().pauseReading(); // nothing drains from the client's raw transport
            Transport t = client.transport;
            t.setWriteBufferLimits(32 * 1024, 8 * 1024);
            t.write(pattern(200 * 1024));
            assertEquals(1, client.pauses, "raw paused at 64 KiB, the rest stays in the TLS buffer");
            assertTrue(t.getWriteBufferSize() > 32 * 1024);
            sleep(Duration.ofSeconds(1));
            assertTrue(client.writingPaused);
            p.rawServer().resumeReading();
            client.waitUntil(() -> !client.writingPaused);
            assertEquals(1, client.resumes);
            server.waitUntil(() -> server.data.size() == 200 * 1024);
            assertArrayEquals(pattern(200 * 1024), server.data.toByteArray());
            assertEquals(0, t.getWriteBufferSize());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void setWriteBufferLimitsTakesEffectAtOnceAndChecksItsArguments(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            Transport t = client.transport;
            assertEquals(512 * 1024, t.getWriteBufferHighWater(), "asyncio's SSL default");
            assertEquals(128 * 1024, t.getWriteBufferLowWater());
            p.rawServer().pauseReading();
            t.write(pattern(150 * 1024));
            int held = t.getWriteBufferSize();
            assertTrue(held > 0);
            assertEquals(0, client.pauses);
            t.setWriteBufferLimits(held - 1);
            assertEquals(1, client.pauses, "over the new mark: paused without another write");
            assertEquals((held - 1) / 4, t.getWriteBufferLowWater());
            t.setWriteBufferLimits(held * 2, held);
            assertEquals(1, client.resumes, "at the new low mark: resumed");
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 20));
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, -1));
            p.rawServer().resumeReading();
            server.waitUntil(() -> server.data.size() == 150 * 1024);
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void pauseReadingHoldsDataAndResumeReadingDeliversIt(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            Transport s = server.transport;
            assertTrue(s.isReading());
            s.pauseReading();
            s.pauseReading();
            assertFalse(s.isReading());
            client.transport.write("held back".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sleep(Duration.ofSeconds(1));
            assertEquals(0, server.data.size());
            s.resumeReading();
            s.resumeReading();
            assertTrue(s.isReading());
            server.waitUntil(() -> server.text().equals("held back"));
            assertEquals(1, server.dataCalls);
            client.transport.close();
            assertFalse(client.transport.isReading(), "a closing transport is not reading");
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aLongReadPausePausesTheRawTransportAndResumingRestartsIt(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        int size = 1 << 20;
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 16 * 1024);
            p.awaitBoth();
            server.transport.pauseReading();
            client.transport.write(pattern(size));
            eventually(() -> !p.rawServer().isReading());
            sleep(Duration.ofSeconds(1));
            assertEquals(0, server.data.size());
            assertTrue(p.rawClient().getWriteBufferSize() > 0, "the rest waits in the sender's buffer");
            server.transport.resumeReading();
            server.waitUntil(() -> server.data.size() == size);
            assertArrayEquals(pattern(size), server.data.toByteArray());
            assertTrue(p.rawServer().isReading());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aBufferedProtocolReceivesThroughItsOwnSmallBuffers(LoopHarness h) {
        Recorder client = new Recorder();
        SmallBuffers server = new SmallBuffers(100);
        byte[] msg = pattern(50_000);
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 1000);
            p.awaitBoth();
            client.transport.write(msg);
            server.waitUntil(() -> server.data.size() == msg.length);
            assertArrayEquals(msg, server.data.toByteArray());
            assertTrue(server.updates >= 500, "100-byte buffers: " + server.updates);
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertEquals(1, server.eofs);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aBufferedProtocolThatPausesKeepsTheRestForLater(LoopHarness h) {
        Recorder client = new Recorder();
        SmallBuffers server = new SmallBuffers(10) {
            @Override
            public void bufferUpdated(int nbytes) {
                super.bufferUpdated(nbytes);
                if (data.size() == 10) {
                    transport.pauseReading();
                }
            }
        };
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.write(pattern(25));
            sleep(Duration.ofSeconds(1));
            assertEquals(10, server.data.size(), "paused after the first buffer");
            server.transport.resumeReading();
            server.waitUntil(() -> server.data.size() == 25);
            assertArrayEquals(pattern(25), server.data.toByteArray());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }
}
