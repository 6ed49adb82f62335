package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.ParkingLot;
import io.jasyncio.Future;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * The {@link Transport} of a TCP or Unix stream socket, built on the loop's readers and
 * writers: asyncio's {@code _SelectorSocketTransport}.
 */
final class SocketTransport extends AbstractTransport implements Transport {
    /*
     * Implementation notes.
     *
     * State: the lifecycle (open, closing, connectionLost scheduled, lost) is AbstractTransport's
     * checked state machine; here eof (writeEof() asked for a half-close), droppedWrites (writes
     * after the loss, counted for the warning as asyncio's _conn_lost counts them), paused
     * (reading paused by the user); FlowControl keeps the write-buffer marks and whether the
     * protocol was paused.
     *
     * Reading: each readiness event is one read into the loop thread's shared direct buffer,
     * lent to Protocol.dataReceived (its Javadoc says so), or one read into the buffer a
     * BufferedProtocol lends. A read of -1 is end of stream: eofReceived decides between
     * closing and staying open for writing.
     *
     * Writing: with nothing queued, write() goes straight to the socket; what is left is
     * copied to the WriteBuffer and a writer is registered, whose callback sends the queue in
     * gathering writes. When the queue drains the writer is removed, and a pending close or
     * half-close happens then.
     *
     * Ending: connectionLost runs exactly once (the base class asserts it), scheduled from
     * close() (empty buffer) or forceClose() (abort, fatal errors), or called directly from the
     * writer when the last bytes of a closing transport are sent, as asyncio does. release()
     * then closes the socket (deregistered first) and detaches the transport from its server
     * (through the same ServerHook a loop's own transports get).
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio");
    /** asyncio's max_size: the most one read asks for. */
    static final int MAX_READ = 256 * 1024;
    /** Writes after the connection was lost are logged from this many on, as in asyncio. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_READ));

    private final SocketChannel channel;
    private final WriteBuffer buffer = new WriteBuffer();
    private final FlowControl flow = new FlowControl();
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;
    private final SocketAddress peername;
    private final SocketAddress sockname;
    private ConnectionProtocol protocol;
    private ServerHook server;
    private boolean eof;
    private boolean paused;
    private boolean protocolConnected;
    /** abort() was called: release closes the socket at once (see release). */
    private boolean abortive;
    private int droppedWrites;
    /** Set while a sendfile runs: write() throws, and the channel's writer is sendfile's. */
    private boolean sendfileActive;
    private ParkingLot sendfileWaiters;
    private final Runnable onSendfileWritable = this::wakeSendfile;

    /**
     * A transport over the connected, non-blocking {@code channel}. In the next iterations it
     * calls {@code connectionMade}, starts reading, then completes {@code waiter} (if not null).
     */
    SocketTransport(EventLoop loop, SocketChannel channel, ConnectionProtocol protocol, Future<Void> waiter, ServerHook server) {
        super(loop);
        this.channel = channel;
        this.protocol = protocol;
        this.peername = address(true);
        this.sockname = address(false);
        this.server = server;
        if (server != null) {
            server.attach(this);
        }
        loop.callSoon(this::connectionMade);
        loop.callSoon(this::startReading);
        if (waiter != null) {
            loop.callSoon(() -> waiter.trySetResult(null));
        }
    }

    private SocketAddress address(boolean remote) {
        try {
            return remote ? channel.getRemoteAddress() : channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private void connectionMade() {
        if (isLost()) {
            return;
        }
        protocolConnected = true;
        try {
            protocol.connectionMade(this);
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.connectionMade() call failed.");
        }
    }

    private void startReading() {
        if (isReading()) {
            loop.addReader(channel, onReadable);
        }
    }

    // ---- reading ----

    private void readReady() {
        if (isLost()) {
            return;
        }
        if (protocol instanceof BufferedProtocol p) {
            readIntoBuffer(p);
        } else {
            readData((Protocol) protocol);
        }
    }

    private void readData(Protocol p) {
        ByteBuffer buf = READ_BUFFER.get().clear();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(SocketErrors.classify(e), "Fatal read error on socket transport");
            return;
        }
        if (n < 0) {
            readEof();
        } else if (n > 0) {
            buf.flip();
            try {
                p.dataReceived(buf);
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.dataReceived() call failed.");
            }
        }
    }

    private void readIntoBuffer(BufferedProtocol p) {
        ByteBuffer buf;
        try {
            buf = p.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new IllegalStateException("getBuffer() returned an empty buffer");
            }
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.getBuffer() call failed.");
            return;
        }
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(SocketErrors.classify(e), "Fatal read error on socket transport");
            return;
        }
        if (n < 0) {
            readEof();
        } else if (n > 0) {
            try {
                p.bufferUpdated(n);
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.bufferUpdated() call failed.");
            }
        }
    }

    private void readEof() {
        boolean keepOpen;
        try {
            keepOpen = protocol.eofReceived();
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        if (keepOpen) {
            // Nothing more will arrive; writing goes on until the protocol closes.
            loop.removeReader(channel);
        } else {
            close();
        }
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        paused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (isClosing() || !paused) {
            return;
        }
        paused = false;
        loop.addReader(channel, onReadable);
    }

    @Override
    public boolean isReading() {
        return !isClosing() && !paused;
    }

    // ---- writing ----

    @Override
    public void write(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("cannot write after writeEof()");
        }
        if (sendfileActive) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (isLost()) {
            if (++droppedWrites >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(Level.WARNING, "socket.send() raised exception.");
            }
            data.position(data.limit());
            return;
        }
        if (buffer.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException e) {
                data.position(data.limit());
                fatalError(SocketErrors.classify(e), "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        buffer.add(data);
        maybePauseProtocol();
    }

    @Override
    public void writeLines(Iterable<ByteBuffer> data) {
        // Queued together, the buffers leave in one gathering write.
        boolean direct = buffer.isEmpty() && !isLost() && !eof;
        for (ByteBuffer b : data) {
            if (eof) {
                throw new IllegalStateException("cannot write after writeEof()");
            }
            if (isLost()) {
                b.position(b.limit());
            } else {
                buffer.add(b);
            }
        }
        if (direct && !buffer.isEmpty()) {
            writeReady();
            if (!buffer.isEmpty() && !isLost()) {
                loop.addWriter(channel, onWritable);
            }
        }
        maybePauseProtocol();
    }

    private void writeReady() {
        if (isLost()) {
            return;
        }
        try {
            buffer.flush(channel);
        } catch (IOException e) {
            loop.removeWriter(channel);
            buffer.clear();
            fatalError(SocketErrors.classify(e), "Fatal write error on socket transport");
            return;
        }
        maybeResumeProtocol();
        if (isLost()) {
            return; // resumeWriting closed (with nothing left to send) or aborted: the loss is scheduled
        }
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            if (isClosing()) {
                connectionLostNow(null);
            } else if (eof) {
                shutdownOutput();
            }
            wakeSendfile();
        }
    }

    // ---- sendfile ----

    @Override
    public boolean canSendfile() {
        return true;
    }

    /*
     * A sendfile first waits for the write buffer to drain (writeReady wakes it), then calls
     * transferTo until the region is sent; when the socket is full it registers its own writer
     * (the transport has none then: its buffer is empty and write() throws) and parks until the
     * socket is writable. Closing removes the writer and the loss wakes the waiter.
     */
    @Override
    public long sendfile(FileChannel file, long position, long count) throws IOException {
        if (eof) {
            throw new IllegalStateException("cannot sendfile after writeEof()");
        }
        if (sendfileActive) {
            throw new IllegalStateException("another sendfile is in progress on this transport");
        }
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("position and count must be >= 0: " + position + ", " + count);
        }
        sendfileActive = true;
        try {
            while (!buffer.isEmpty() && !isClosing()) {
                parkSendfile();
            }
            long sent = 0;
            while (sent < count) {
                if (isClosing()) {
                    throw new ConnectionResetException("the connection closed during sendfile, " + sent + " of " + count + " bytes sent");
                }
                long n;
                try {
                    n = file.transferTo(position + sent, count - sent, channel);
                } catch (IOException e) {
                    if (!file.isOpen()) {
                        throw e;
                    }
                    IOException classified = SocketErrors.classify(e);
                    fatalError(classified, "Fatal write error on socket transport (sendfile)");
                    throw classified;
                }
                if (n > 0) {
                    sent += n;
                } else if (position + sent >= file.size()) {
                    break;
                } else {
                    loop.addWriter(channel, onSendfileWritable);
                    try {
                        parkSendfile();
                    } finally {
                        if (!isClosing()) {
                            loop.removeWriter(channel);
                        }
                    }
                }
            }
            return sent;
        } finally {
            sendfileActive = false;
        }
    }

    private void parkSendfile() {
        if (sendfileWaiters == null) {
            sendfileWaiters = new ParkingLot(this);
        }
        sendfileWaiters.park();
    }

    private void wakeSendfile() {
        if (sendfileWaiters != null) {
            sendfileWaiters.wakeAll();
        }
    }

    @Override
    public void writeEof() {
        if (isClosing() || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(SocketErrors.classify(e), "Fatal error on shutdownOutput");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flow.setLimits(high, low);
        maybePauseProtocol();
    }

    @Override
    public int getWriteBufferHighWater() {
        return flow.high();
    }

    @Override
    public int getWriteBufferLowWater() {
        return flow.low();
    }

    @Override
    public int getWriteBufferSize() {
        return buffer.size();
    }

    private void maybePauseProtocol() {
        flow.maybePause(buffer.size(), protocol, this);
    }

    private void maybeResumeProtocol() {
        flow.maybeResume(buffer.size(), protocol, this);
    }

    // ---- ending ----

    @Override
    public void close() {
        if (!beginClosing()) {
            return;
        }
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            scheduleConnectionLost(null);
        }
    }

    @Override
    public void abort() {
        abortive = true;
        forceClose(null);
    }

    @Override
    protected void stopIo() {
        if (!buffer.isEmpty()) {
            buffer.clear();
            loop.removeWriter(channel);
        }
        if (state() == State.OPEN) {
            loop.removeReader(channel);
        }
    }

    @Override
    protected void notifyConnectionLost(Throwable exc) {
        wakeSendfile();
        if (protocolConnected) {
            protocol.connectionLost(exc);
        }
    }

    @Override
    protected void release() {
        try {
            if (abortive) {
                // A reset (unread bytes) needs the descriptor closed now, not at the next poll.
                loop.closeChannel(channel);
            } else {
                loop.closeChannelSoon(channel);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + channel + " failed", e);
        }
        ServerHook s = server;
        server = null;
        if (s != null) {
            s.detach(this);
        }
    }

    // ---- information ----

    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case PEERNAME -> peername;
            case SOCKNAME -> sockname;
            case SOCKET -> channel;
            default -> null;
        };
    }

    @Override
    public ConnectionProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        this.protocol = protocol;
        protocolConnected = true;
    }

    @Override
    public String toString() {
        return "SocketTransport[" + (peername != null ? SocketOps.describe(peername) : channel)
                + (isClosing() ? ", closing" : "") + ", buffered=" + buffer.size() + "]";
    }
}
