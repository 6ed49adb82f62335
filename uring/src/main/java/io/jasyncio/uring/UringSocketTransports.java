package io.jasyncio.uring;

import io.jasyncio.Future;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.ServerHook;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One io_uring loop's completion-based socket transports: what the loop's
 * {@link io.jasyncio.stream.SocketTransportProvider} method hands to, and what the transports
 * share, the provided-buffer ring their multishot receives fill. Loop-confined.
 *
 * <p>System properties, read when the loop is made:
 * <ul>
 *   <li>{@code jasyncio.uring.transport}: {@code completion} (the default) or {@code readiness},
 *       which leaves stream sockets to core's readiness transport over the ring's polls (for
 *       comparison and as an escape hatch); kernels older than 6.0 (no multishot receive) get
 *       the readiness transport whatever it says;</li>
 *   <li>{@code jasyncio.uring.recvBuffers}: how many buffers the ring holds (a power of two,
 *       default {@value #DEFAULT_BUFFERS});</li>
 *   <li>{@code jasyncio.uring.recvBufferSize}: the size of each (default {@value #DEFAULT_BUFFER_SIZE},
 *       the most one receive completion carries).</li>
 * </ul>
 */
final class UringSocketTransports {
    /*
     * Implementation notes.
     *
     * The buffer ring is made when the first transport is, so loops that never open a socket
     * map nothing. Its buffers are shared by every transport of the loop: a transport gives a
     * buffer back as soon as its data was delivered (in the same loop step), so the ring runs
     * dry only when one iteration receives more buffers than it holds; a receive that finds it
     * empty ends with ENOBUFS and is re-armed once buffers were given back, its data waiting in
     * the socket meanwhile. views[] holds one ByteBuffer per buffer, lent to
     * Protocol.dataReceived without allocating.
     */
    static final int DEFAULT_BUFFERS = 128;
    static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
    /** The buffer group id of the receive buffers (other users of provided buffers pick others). */
    static final short GROUP = 0x5C;

    private final UringEventLoop loop;
    private final boolean completion;
    private final int count;
    private final int size;
    private BufferRing buffers;
    private ByteBuffer[] views;
    private long emptyRing;
    private long grownSends;

    UringSocketTransports(UringEventLoop loop) {
        this.loop = loop;
        this.completion = !"readiness".equals(System.getProperty("jasyncio.uring.transport", "completion"))
                && kernelAtLeast(System.getProperty("os.version", ""), 6, 0);
        this.count = Integer.getInteger("jasyncio.uring.recvBuffers", DEFAULT_BUFFERS);
        this.size = Integer.getInteger("jasyncio.uring.recvBufferSize", DEFAULT_BUFFER_SIZE);
        if (Integer.bitCount(count) != 1 || count > 32768) {
            throw new IllegalArgumentException("jasyncio.uring.recvBuffers must be a power of two up to 32768: " + count);
        }
        if (size < 1024) {
            throw new IllegalArgumentException("jasyncio.uring.recvBufferSize must be at least 1024: " + size);
        }
    }

    /**
     * A completion-based transport over {@code channel}, or null when this loop leaves stream
     * sockets to core's readiness transport; see
     * {@link io.jasyncio.stream.SocketTransportProvider#createSocketTransport}.
     */
    Transport create(SocketChannel channel, ConnectionProtocol protocol, Future<Void> waiter, ServerHook server) throws IOException {
        if (!completion) {
            return null;
        }
        if (channel.isBlocking()) {
            throw new java.nio.channels.IllegalBlockingModeException();
        }
        if (buffers == null) {
            buffers = loop.backend().bufferRing(GROUP, count, size);
            views = new ByteBuffer[count];
        }
        return new UringSocketTransport(loop, this, channel, protocol, waiter, server);
    }

    /**
     * Whether a Linux release string such as {@code 6.18.44-fc} is at least {@code major.minor}.
     * The loop itself needs 5.11; the completion transports need provided-buffer rings (5.19)
     * and multishot receives (6.0), so on older kernels stream sockets keep core's readiness
     * transport over the ring's polls instead of failing when the first socket opens.
     */
    static boolean kernelAtLeast(String release, int major, int minor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
        if (!m.find()) {
            return false;
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma > major || (ma == major && mi >= minor);
    }

    UringBackend backend() {
        return loop.backend();
    }

    /** The buffer group multishot receives select from. */
    short group() {
        return GROUP;
    }

    /** Buffer {@code id}'s first {@code length} bytes, as a buffer lent until {@link #recycle}. */
    ByteBuffer view(int id, int length) {
        ByteBuffer v = views[id];
        if (v == null) {
            MemorySegment s = buffers.buffer(id);
            v = s.asByteBuffer();
            views[id] = v;
        }
        v.clear().limit(length);
        return v;
    }

    /** Counts a receive that found the ring empty (ENOBUFS) and is re-armed. */
    void ranDry() {
        emptyRing++;
    }

    /** Counts a write that joined a SEND not yet submitted. */
    void grewSend() {
        grownSends++;
    }

    /** How many writes joined a SEND not yet submitted; for tests and measurements. */
    long grownSendCount() {
        return grownSends;
    }

    /** How many receives found the ring empty so far: a ring too small for the load shows here. */
    long emptyRingCount() {
        return emptyRing;
    }

    /** Unregisters and frees the buffer ring; the loop calls it when it closes, before the ring goes. */
    void close() {
        if (buffers != null) {
            buffers.close();
            buffers = null;
            views = null;
        }
    }

    /** Gives buffer {@code id} back to the ring for the kernel to fill again. */
    void recycle(int id) {
        buffers.recycle(id);
    }
}
