package io.jasyncio.stream.tls;


import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import io.jasyncio.VoidBody;
import io.jasyncio.stream.BufferedProtocol;
import io.jasyncio.testing.MemoryTransport;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.SelfSignedCertificates;
import io.jasyncio.stream.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Shared set-up of the TLS tests: certificates, options, recording protocols, connected pairs. */
final class TlsTestSupport {
    private TlsTestSupport() {
    }

    static SelfSignedCertificates.Identity id() {
        return SelfSignedCertificates.localhost();
    }

    static TlsOptions serverOptions() {
        return TlsOptions.server(id().serverContext());
    }

    static TlsOptions clientOptions() {
        return TlsOptions.client(SelfSignedCertificates.trusting(id()), "localhost");
    }

    /** A protocol that records every event and lets the test wait for a condition on them. */
    static class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        Transport transport;
        int dataCalls;
        int made;
        int eofs;
        int lost;
        Throwable lostError;
        boolean keepOpenOnEof;
        int pauses;
        int resumes;
        boolean writingPaused;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            made++;
            events.add("made");
            poke();
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            dataCalls++;
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            data.writeBytes(bytes);
            onData(bytes);
            poke();
        }

        /** Hook for subclasses (echo servers); the bytes are a copy. */
        void onData(byte[] bytes) {
        }

        @Override
        public boolean eofReceived() {
            eofs++;
            events.add("eof");
            poke();
            return keepOpenOnEof;
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost++;
            lostError = exc;
            events.add("lost");
            poke();
        }

        @Override
        public void pauseWriting() {
            pauses++;
            writingPaused = true;
            poke();
        }

        @Override
        public void resumeWriting() {
            resumes++;
            writingPaused = false;
            poke();
        }

        String text() {
            return data.toString(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Wakes whoever waits in {@link #waitUntil}: any recorder's event may satisfy a condition. */
        void poke() {
            Future<Void> f = anyEvent;
            if (f != null && !f.isDone() && f.loop() == EventLoop.runningLoopOrNull()) {
                f.setResult(null);
            }
        }

        /**
         * Suspends until {@code condition} holds, re-checking it after any recorder's event (a
         * condition may span both ends). Virtual time jumps straight to the next timer meanwhile,
         * so timings measured around it are exact.
         */
        void waitUntil(BooleanSupplier condition) {
            while (!condition.getAsBoolean()) {
                anyEvent = EventLoop.getRunningLoop().createFuture();
                anyEvent.await();
            }
        }
    }

    /** Completed by any recorder's event; tests run one at a time, each on its own loop. */
    private static Future<Void> anyEvent;

    /** Echoes what it receives. */
    static class Echo extends Recorder {
        @Override
        void onData(byte[] bytes) {
            transport.write(bytes);
        }
    }

    /** A BufferedProtocol app that lends small buffers of {@code size} bytes. */
    static class SmallBuffers extends Recorder implements BufferedProtocol {
        private final ByteBuffer buf;
        int updates;

        SmallBuffers(int size) {
            buf = ByteBuffer.allocate(size);
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            buf.clear();
            return buf;
        }

        @Override
        public void bufferUpdated(int nbytes) {
            updates++;
            data.write(buf.array(), 0, nbytes);
            poke();
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            throw new AssertionError("a BufferedProtocol gets bufferUpdated, not dataReceived");
        }
    }

    /** Two TLS ends over a {@link MemoryTransport} pair: a = client, b = server. */
    record Pair(MemoryTransport rawClient, MemoryTransport rawServer, Future<Transport> client, Future<Transport> server) {
        void awaitBoth() {
            client.await();
            server.await();
        }
    }

    static Pair connect(EventLoop loop, Recorder clientApp, TlsOptions clientOpts,
                        Recorder serverApp, TlsOptions serverOpts, int chunk) {
        MemoryTransport.Pair raw = MemoryTransport.pair(loop);
        raw.a().setChunkSize(chunk);
        raw.b().setChunkSize(chunk);
        Future<Transport> s = Tls.wrap(raw.b(), serverApp, serverOpts);
        Future<Transport> c = Tls.wrap(raw.a(), clientApp, clientOpts);
        return new Pair(raw.a(), raw.b(), c, s);
    }

    static Pair connect(EventLoop loop, Recorder clientApp, Recorder serverApp) {
        return connect(loop, clientApp, clientOptions(), serverApp, serverOptions(), 64 * 1024);
    }

    /** Awaits {@code f}, which must fail with a {@code type} (checked ones come wrapped). */
    static <T extends Throwable> T failure(Class<T> type, Future<?> f) {
        try {
            f.await();
        } catch (java.util.concurrent.CompletionException e) {
            return org.junit.jupiter.api.Assertions.assertInstanceOf(type, e.getCause());
        } catch (RuntimeException e) {
            return org.junit.jupiter.api.Assertions.assertInstanceOf(type, e);
        }
        throw new AssertionError("expected a " + type.getSimpleName() + ", the future succeeded");
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }
}
