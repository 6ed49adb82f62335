package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * The {@link DatagramTransport} of a UDP (or Unix datagram) channel, connected or not: asyncio's
 * {@code _SelectorDatagramTransport}.
 */
final class DatagramSocketTransport extends AbstractTransport implements DatagramTransport {
    /*
     * Implementation notes.
     *
     * Each readiness event receives one datagram into the loop thread's shared direct buffer
     * and lends it to datagramReceived. Sends go straight to the socket when nothing is queued;
     * a datagram the socket does not take (its buffer is full) is copied and queued with its
     * address, and a writer sends the queue in order. An I/O error of one send or receive
     * (ICMP port unreachable on a connected socket, say) goes to errorReceived and leaves the
     * endpoint open, as in asyncio; other failures close it. The lifecycle is AbstractTransport's:
     * connectionLost runs once, and release() closes the channel.
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio");
    private static final int MAX_DATAGRAM = 64 * 1024;
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));

    private record Queued(ByteBuffer data, SocketAddress addr) {
    }

    private final DatagramChannel channel;
    private final DatagramProtocol protocol;
    private final SocketAddress peer;
    private final SocketAddress sockname;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;
    private int bufferSize;
    private final FlowControl flow = new FlowControl();

    DatagramSocketTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol, Future<Void> waiter) {
        super(loop);
        this.channel = channel;
        this.protocol = protocol;
        SocketAddress p = null;
        SocketAddress s = null;
        try {
            p = channel.getRemoteAddress();
            s = channel.getLocalAddress();
        } catch (IOException e) {
            // Closed already: the transport will fail on first use.
        }
        this.peer = p;
        this.sockname = s;
        loop.callSoon(() -> {
            try {
                protocol.connectionMade(this);
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.connectionMade() call failed.");
            }
        });
        loop.callSoon(() -> {
            if (!isClosing()) {
                loop.addReader(channel, onReadable);
            }
        });
        loop.callSoon(() -> waiter.trySetResult(null));
    }

    private void readReady() {
        if (isLost()) {
            return;
        }
        ByteBuffer buf = READ_BUFFER.get().clear();
        SocketAddress from;
        try {
            from = channel.receive(buf);
        } catch (IOException e) {
            try {
                protocol.errorReceived(e);
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.errorReceived() call failed.");
            }
            return;
        }
        if (from == null) {
            return;
        }
        buf.flip();
        try {
            protocol.datagramReceived(buf, from);
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.datagramReceived() call failed.");
        }
    }

    @Override
    public void sendTo(ByteBuffer data, SocketAddress addr) {
        if (peer != null) {
            if (addr != null && !addr.equals(peer)) {
                throw new IllegalArgumentException("invalid address: must be null or " + peer);
            }
            addr = peer;
        } else if (addr == null) {
            throw new IllegalArgumentException("an unconnected endpoint needs an address to send to");
        } else if (!(addr instanceof InetSocketAddress isa) || isa.isUnresolved()) {
            // Checked here, not only by send(): a queued datagram is sent later, from the writer.
            throw new IllegalArgumentException("not a resolved IP socket address: " + addr);
        }
        if (isLost()) {
            data.position(data.limit());
            return;
        }
        if (queue.isEmpty()) {
            try {
                int n = peer != null ? channel.write(data) : channel.send(data, addr);
                if (n > 0 || !data.hasRemaining()) {
                    return;
                }
            } catch (IOException e) {
                data.position(data.limit());
                errorReceived(e);
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        queue.add(new Queued(copy, addr));
        bufferSize += copy.remaining();
        maybePauseProtocol();
    }

    private void writeReady() {
        while (!queue.isEmpty()) {
            Queued q = queue.peek();
            int len = q.data().remaining();
            IOException failed = null;
            try {
                int n = peer != null ? channel.write(q.data()) : channel.send(q.data(), q.addr());
                if (n == 0 && q.data().hasRemaining()) {
                    return;
                }
            } catch (IOException e) {
                failed = e;
            }
            queue.poll();
            bufferSize -= len;
            if (failed != null) {
                errorReceived(failed);
                if (isLost()) {
                    return; // aborted from errorReceived: forceClose cleaned up
                }
            }
        }
        maybeResumeProtocol(); // may queue again
        if (isLost()) {
            return; // resumeWriting closed (with nothing queued) or aborted: the loss is scheduled
        }
        if (queue.isEmpty()) {
            loop.removeWriter(channel);
            if (isClosing()) {
                connectionLostNow(null);
            }
        }
    }

    private void errorReceived(IOException e) {
        try {
            protocol.errorReceived(e);
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.errorReceived() call failed.");
        }
    }

    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    private void maybePauseProtocol() {
        flow.maybePause(bufferSize, protocol, this);
    }

    private void maybeResumeProtocol() {
        flow.maybeResume(bufferSize, protocol, this);
    }

    @Override
    public void close() {
        if (!beginClosing()) {
            return;
        }
        loop.removeReader(channel);
        if (queue.isEmpty()) {
            scheduleConnectionLost(null);
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    @Override
    protected void stopIo() {
        if (!queue.isEmpty()) {
            queue.clear();
            bufferSize = 0;
            loop.removeWriter(channel);
        }
        if (state() == State.OPEN) {
            loop.removeReader(channel);
        }
    }

    @Override
    protected void notifyConnectionLost(Throwable exc) {
        protocol.connectionLost(exc);
    }

    @Override
    protected void release() {
        try {
            loop.closeChannel(channel);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + channel + " failed", e);
        }
    }

    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case PEERNAME -> peer;
            case SOCKNAME -> sockname;
            case SOCKET -> channel;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "DatagramTransport[" + (peer != null ? SocketOps.describe(peer) : SocketOps.describe(sockname))
                + (isClosing() ? ", closing" : "") + "]";
    }
}
