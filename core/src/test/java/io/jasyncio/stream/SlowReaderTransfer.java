package io.jasyncio.stream;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The backpressure check of {@link LoadTest}, run in a child JVM with a small heap: a fast writer
 * sends {@code total} bytes over 127.0.0.1 to a slow reader, both jasyncio protocols on one loop.
 * The writer writes {@link #CHUNK}-byte chunks as long as it is not paused and stops at
 * {@code pauseWriting} until {@code resumeWriting}; after each write it records the transport's
 * buffer size, so the largest it ever saw is checked from the inside. The reader checks every
 * byte against the pattern and, after each {@link #READ_BURST} bytes, pauses reading for
 * {@link #READ_PAUSE}: the socket buffers fill and the writer's transport must hold back.
 * Prints one line, "done bytes=... pauses=... maxBuffer=... high=... chunk=... millis=...
 * peakHeapMiB=...", or fails with a stack trace and a non-zero status.
 */
public final class SlowReaderTransfer {
    /** A multiple of the pattern's period (251), so every chunk is the same array. */
    static final int CHUNK = 251 * 256;
    static final int READ_BURST = 4 << 20;
    static final Duration READ_PAUSE = Duration.ofMillis(5);
    /** Small kernel buffers, so the transport's buffer does the holding back. */
    static final int SOCKET_BUFFER = 64 * 1024;

    private SlowReaderTransfer() {
    }

    /** The pattern byte at stream offset {@code offset}: period 251. */
    static byte expected(long offset) {
        return (byte) ((offset % 251) * 31 + 7);
    }

    /** Writes chunks while not paused; records the largest buffer seen after a write. */
    static final class Writer implements Protocol {
        final long total;
        final byte[] chunk = new byte[CHUNK];
        Transport transport;
        long sent;
        boolean paused;
        int pauses;
        int resumes;
        int maxBuffer;

        Writer(long total) {
            this.total = total;
            for (int i = 0; i < CHUNK; i++) {
                chunk[i] = expected(i);
            }
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            try {
                ((SocketChannel) t.getExtraInfo(Transport.SOCKET)).setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            pump();
        }

        private void pump() {
            while (!paused && sent < total && !transport.isClosing()) {
                int n = (int) Math.min(CHUNK, total - sent);
                transport.write(ByteBuffer.wrap(chunk, 0, n));
                sent += n;
                maxBuffer = Math.max(maxBuffer, transport.getWriteBufferSize());
            }
            if (sent == total && !transport.isClosing()) {
                transport.close();
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            throw new IllegalStateException("the reader sends nothing");
        }

        @Override
        public void pauseWriting() {
            paused = true;
            pauses++;
        }

        @Override
        public void resumeWriting() {
            paused = false;
            resumes++;
            pump();
        }
    }

    /** Checks every byte; pauses reading for a while after each burst. */
    static final class SlowReader implements Protocol {
        final Future<Long> done;
        Transport transport;
        long received;
        long nextPause = READ_BURST;

        SlowReader(Future<Long> done) {
            this.done = done;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            try {
                ((SocketChannel) t.getExtraInfo(Transport.SOCKET)).setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            long offset = received;
            int phase = (int) (offset % 251);
            for (int i = data.position(), end = data.limit(); i < end; i++) {
                if (data.get(i) != (byte) (phase * 31 + 7)) {
                    throw new AssertionError("byte " + (offset + i - data.position()) + " differs");
                }
                if (++phase == 251) {
                    phase = 0;
                }
            }
            received += data.remaining();
            if (received >= nextPause) {
                nextPause += READ_BURST;
                transport.pauseReading();
                transport.loop().callLater(READ_PAUSE, transport::resumeReading);
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (exc != null) {
                done.setException(exc);
            } else {
                done.setResult(received);
            }
        }
    }

    /** Argument: the number of bytes to send. */
    public static void main(String[] args) {
        long total = Long.parseLong(args[0]);
        String report = Asyncio.run(() -> {
            Future<Long> done = EventLoop.getRunningLoop().createFuture();
            Server server = Network.createServer(() -> new SlowReader(done), NetTestSupport.LOOPBACK, 0);
            long start = System.nanoTime();
            Connection<Writer> c = Network.createConnection(() -> new Writer(total), NetTestSupport.LOOPBACK, NetTestSupport.port(server));
            long got = done.await();
            long millis = (System.nanoTime() - start) / 1_000_000;
            server.close();
            server.waitClosed();
            Writer w = c.protocol();
            int high = c.transport().getWriteBufferHighWater();
            if (got != total || w.sent != total) {
                throw new AssertionError("sent " + w.sent + ", received " + got + " of " + total);
            }
            if (w.maxBuffer > high + CHUNK) {
                throw new AssertionError("the write buffer reached " + w.maxBuffer + " > high-water mark " + high + " + one write " + CHUNK);
            }
            return "done bytes=" + got + " pauses=" + w.pauses + " resumes=" + w.resumes + " maxBuffer=" + w.maxBuffer
                    + " high=" + high + " chunk=" + CHUNK + " millis=" + millis + " peakHeapMiB=" + peakHeapMiB();
        });
        System.out.println(report);
    }

    /** The sum of the heap pools' peak usage: an upper bound of the live heap at any one time. */
    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
