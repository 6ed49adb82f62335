package io.jasyncio.uring;

import io.jasyncio.Future;
import io.jasyncio.ParkingLot;
import io.jasyncio.stream.AbstractTransport;
import io.jasyncio.stream.BufferedProtocol;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.ConnectionResetException;
import io.jasyncio.stream.FlowControl;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.ServerHook;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * The {@link Transport} of a TCP or Unix stream socket on the io_uring loop, driven by
 * completions instead of readiness: asyncio's proactor socket transport, for Linux. It receives
 * with one multishot {@code IORING_OP_RECV} into the loop's provided-buffer ring and sends with
 * {@code IORING_OP_SEND}s that the loop submits, with every other ring operation of the
 * iteration, in its one {@code io_uring_enter}. The NIO channel stays the socket's owner (its
 * options, its addresses, its close). Behaves as core's readiness transport in every way a
 * protocol can see; see {@link Transport}.
 */
final class UringSocketTransport extends AbstractTransport implements Transport {
    /*
     * Implementation notes.
     *
     * State beyond AbstractTransport's lifecycle: the receive (recvArmed: a multishot recv is in
     * the kernel, until its CQE without F_MORE; recvCancel: its ASYNC_CANCEL is in the kernel),
     * the send (sending: one SEND is in the kernel; the queue holds its bytes and those behind
     * it), paused/held (data that arrived while reading was paused waits in `held`, copied out
     * of the shared ring buffers), and the end (released: connectionLost ran and the channel is
     * to be closed; closed: it is, and the tokens are given back).
     *
     * Completions arrive during the loop's poll, where no user code may run: the CQE handlers
     * only record (recv CQEs in `events`, in order) and hand one runnable per transport and kind
     * to the loop's ready queue; deliverEvents and sendCompleted then run in the same
     * iteration's callback step, where protocols are called and SQEs are prepared for the next
     * enter. Each ring buffer goes back to the ring in the step it was delivered in.
     *
     * One send at a time: two SENDs on one socket may complete out of order, their bytes
     * interleaved. What is written while a send is in flight collects behind it
     * (UringSocketSendQueue) and leaves in one SEND when it completes; a partial send continues
     * from where it stopped. An echo's one write per received message is one SEND, submitted
     * with the next wait for data: one io_uring_enter per round trip.
     *
     * Ending: the kernel holds the file open while an operation on it is in flight, so a
     * released transport cancels what is still armed (ASYNC_CANCEL by user_data) and closes the
     * channel only once every one of its operations has completed (maybeFinishRelease). As in
     * core, an abort closes at once and the peer sees a reset only where bytes were left
     * unread; bytes this transport received but did not deliver count as unread (they would
     * still be in the socket under core's transport), so dropping them sets SO_LINGER 0 first.
     * Bytes of a SEND already in the kernel may still go out, as with asyncio's proactor.
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio");
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** IORING_RECVSEND_POLL_FIRST: wait for readiness before trying (after an EAGAIN). */
    private static final short POLL_FIRST = 1;
    private static final int SENDFILE_CHUNK = 256 * 1024;

    private final UringSocketTransports shared;
    private final UringBackend backend;
    private final SocketChannel channel;
    private final int fd;
    private final SocketAddress peername;
    private final SocketAddress sockname;
    private final FlowControl flow = new FlowControl();
    private final UringSocketSendQueue sends = new UringSocketSendQueue();
    private final long recvToken;
    private final long sendToken;
    private final Runnable deliver = this::deliverEvents;
    private final Runnable sendDone = this::sendCompleted;
    private ConnectionProtocol protocol;
    private ServerHook server;
    private boolean protocolConnected;

    private boolean recvArmed;
    private boolean recvCancel;
    /** The receive will not be armed again: EOF arrived, or the transport closes. */
    private boolean readEnded;
    private boolean paused;
    /** Pairs (res, flags) of receive CQEs not yet delivered, in CQE order. */
    private int[] events = new int[16];
    private int eventCount;
    private boolean deliveryScheduled;
    private ArrayDeque<ByteBuffer> held;
    private boolean heldEof;
    private boolean drainScheduled;

    private boolean sending;
    /** The SQE of the send in flight, and the ring's publication count when it was handed out (see enqueue). */
    private MemorySegment sendSqe;
    private long sendEpoch;
    /** Measurement switch (jasyncio.uring.multishot=false): single-shot receives, re-armed after each. */
    private static final boolean MULTISHOT = !"false".equals(System.getProperty("jasyncio.uring.multishot"));
    private boolean sendCancel;
    private int sendResult;
    private boolean eof;
    private int droppedWrites;
    private boolean abortive;
    /** An abort dropped bytes received but not delivered: the peer must see a reset, as for unread bytes. */
    private boolean unreadDropped;
    private boolean released;
    private boolean closed;
    private boolean sendfileActive;
    private ParkingLot sendfileWaiters;

    UringSocketTransport(UringEventLoop loop, UringSocketTransports shared, SocketChannel channel, ConnectionProtocol protocol,
            Future<Void> waiter, ServerHook server) {
        super(loop);
        this.shared = shared;
        this.backend = shared.backend();
        this.channel = channel;
        this.fd = ((sun.nio.ch.SelChImpl) channel).getFDVal();
        this.protocol = protocol;
        this.peername = address(true);
        this.sockname = address(false);
        this.recvToken = backend.register(this::recvCqe);
        this.sendToken = backend.register(this::sendCqe);
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
        maybeArm();
    }

    // ---- receiving ----

    /** A receive CQE, during the poll: recorded for deliverEvents. */
    private void recvCqe(int res, int flags) {
        if ((flags & Uring.IORING_CQE_F_MORE) == 0) {
            recvArmed = false;
            backend.opFinished();
        }
        if (eventCount * 2 == events.length) {
            events = java.util.Arrays.copyOf(events, events.length * 2);
        }
        events[eventCount * 2] = res;
        events[eventCount * 2 + 1] = flags;
        eventCount++;
        scheduleDelivery();
    }

    private void scheduleDelivery() {
        if (!deliveryScheduled) {
            deliveryScheduled = true;
            backend.ready(deliver);
        }
    }

    private void deliverEvents() {
        deliveryScheduled = false;
        int n = eventCount;
        eventCount = 0;
        for (int i = 0; i < n; i++) {
            int res = events[2 * i];
            int flags = events[2 * i + 1];
            int bid = (flags & Uring.IORING_CQE_F_BUFFER) != 0 ? flags >>> 16 : -1;
            if (res > 0) {
                try {
                    received(bid, res);
                } finally {
                    shared.recycle(bid);
                }
                continue;
            }
            if (bid >= 0) {
                shared.recycle(bid);
            }
            if (res == 0) {
                receivedEof();
            } else if (res == -UringSocketErrors.ENOBUFS) {
                // The ring ran dry: the data waits in the socket; the receive is re-armed below,
                // after this step gave its buffers back.
                shared.ranDry();
            } else if (res != -UringSocketErrors.ECANCELED && res != -UringSocketErrors.EAGAIN
                    && res != -UringSocketErrors.EINTR && !isClosing()) {
                readEnded = true;
                fatalError(UringSocketErrors.of(res, "recv"), "Fatal read error on socket transport");
            }
        }
        maybeArm();
        maybeFinishRelease();
    }

    private void received(int bid, int length) {
        if (isClosing()) {
            return; // close() stopped reading: asyncio delivers nothing after it
        }
        ByteBuffer data = shared.view(bid, length);
        if (paused || held != null && !held.isEmpty()) {
            hold(data);
        } else {
            dispatch(data);
        }
    }

    private void receivedEof() {
        readEnded = true;
        if (isClosing()) {
            return;
        }
        if (paused || held != null && !held.isEmpty()) {
            heldEof = true;
        } else {
            readEof();
        }
    }

    private void hold(ByteBuffer data) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        held.add(copy);
    }

    /** Hands {@code data} to the protocol: lent to {@code dataReceived}, or copied into a {@code BufferedProtocol}'s buffers. */
    private void dispatch(ByteBuffer data) {
        if (!(protocol instanceof BufferedProtocol p)) {
            try {
                ((Protocol) protocol).dataReceived(data);
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.dataReceived() call failed.");
            }
            return;
        }
        while (data.hasRemaining()) {
            ByteBuffer buf;
            try {
                buf = p.getBuffer(data.remaining());
                if (buf == null || !buf.hasRemaining()) {
                    throw new IllegalStateException("getBuffer() returned an empty buffer");
                }
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.getBuffer() call failed.");
                return;
            }
            int n = Math.min(buf.remaining(), data.remaining());
            buf.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            try {
                p.bufferUpdated(n);
            } catch (Throwable t) {
                fatalError(t, "Fatal error: protocol.bufferUpdated() call failed.");
                return;
            }
            if (isClosing()) {
                return;
            }
            if (paused && data.hasRemaining()) {
                hold(data);
                return;
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
        if (!keepOpen) {
            close();
        }
    }

    /** Arms the multishot receive if reading should go on and none is in the kernel. */
    private void maybeArm() {
        if (recvArmed || recvCancel || readEnded || paused || isClosing()) {
            return;
        }
        MemorySegment sqe = backend.ring().sqe(Uring.IORING_OP_RECV, fd, recvToken);
        Sqe.flags(sqe, Uring.IOSQE_BUFFER_SELECT);
        if (MULTISHOT) {
            Sqe.ioprio(sqe, Uring.IORING_RECV_MULTISHOT);
        }
        Sqe.bufGroup(sqe, shared.group());
        recvArmed = true;
        backend.opStarted();
    }

    private void cancelRecv() {
        if (recvArmed && !recvCancel) {
            recvCancel = true;
            cancel(recvToken, true);
        }
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        paused = true;
        cancelRecv();
    }

    @Override
    public void resumeReading() {
        if (isClosing() || !paused) {
            return;
        }
        paused = false;
        if ((held != null && !held.isEmpty()) || heldEof) {
            if (!drainScheduled) {
                drainScheduled = true;
                loop.callSoon(this::drainHeld);
            }
        }
        maybeArm();
    }

    /** Delivers what arrived while reading was paused, in order, until it pauses again. */
    private void drainHeld() {
        drainScheduled = false;
        while (!paused && !isClosing() && held != null && !held.isEmpty()) {
            dispatch(held.poll());
        }
        if (heldEof && !paused && !isClosing() && (held == null || held.isEmpty())) {
            heldEof = false;
            readEof();
        }
    }

    @Override
    public boolean isReading() {
        return !isClosing() && !paused;
    }

    // ---- sending ----

    /** The send CQE, during the poll. */
    private void sendCqe(int res, int flags) {
        sendResult = res;
        backend.ready(sendDone);
    }

    private void submitSend(boolean pollFirst) {
        MemorySegment sqe = backend.ring().sqe(Uring.IORING_OP_SEND, fd, sendToken);
        sendSqe = sqe;
        sendEpoch = backend.ring().publishEpoch();
        Sqe.addr(sqe, sends.address());
        Sqe.len(sqe, sends.length());
        Sqe.opFlags(sqe, MSG_NOSIGNAL);
        if (pollFirst) {
            Sqe.ioprio(sqe, POLL_FIRST);
        }
        sending = true;
        backend.opStarted();
    }

    private void sendCompleted() {
        sending = false;
        backend.opFinished();
        int res = sendResult;
        if (released || isLost()) {
            maybeFinishRelease();
            return;
        }
        if (res < 0) {
            if (res == -UringSocketErrors.EAGAIN || res == -UringSocketErrors.EINTR) {
                submitSend(true);
                return;
            }
            fatalError(UringSocketErrors.of(res, "send"), "Fatal write error on socket transport");
            return;
        }
        if (!sends.sent(res)) {
            submitSend(res == 0);
            return;
        }
        if (sends.hasNext()) {
            sends.take();
            submitSend(false);
        }
        maybeResumeProtocol();
        if (isLost() || sending) {
            return;
        }
        if (isClosing()) {
            connectionLostNow(null);
        } else if (eof) {
            shutdownOutput();
        }
        wakeSendfile();
    }

    @Override
    public void write(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("cannot write after writeEof()");
        }
        if (sendfileActive) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        enqueue(data);
    }

    private void enqueue(ByteBuffer data) {
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
        if (sending && !sends.hasNext() && backend.ring().unsubmitted(sendEpoch)) {
            // The SEND is still in our SQ: grow it rather than queue a second send that would
            // leave only after this one completes, an iteration later (a message read in
            // pieces is echoed in one send).
            sends.addToFlight(data);
            shared.grewSend();
            Sqe.addr(sendSqe, sends.address());
            Sqe.len(sendSqe, sends.length());
        } else {
            sends.add(data);
            if (!sending) {
                sends.take();
                submitSend(false);
            }
        }
        maybePauseProtocol();
    }

    @Override
    public void writeLines(Iterable<ByteBuffer> data) {
        // Queued together before the SEND is prepared: one send for all of them.
        for (ByteBuffer b : data) {
            if (eof) {
                throw new IllegalStateException("cannot write after writeEof()");
            }
            if (sendfileActive) {
                throw new IllegalStateException("unable to write; sendfile is in progress");
            }
            if (isLost()) {
                enqueue(b);
            } else {
                sends.add(b);
            }
        }
        if (!sending && sends.hasNext() && !isLost()) {
            sends.take();
            submitSend(false);
        }
        maybePauseProtocol();
    }

    @Override
    public void writeEof() {
        if (isClosing() || eof) {
            return;
        }
        eof = true;
        if (!sending) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(UringSocketErrors.classify(e), "Fatal error on shutdownOutput");
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
        return isLost() ? 0 : sends.size();
    }

    private void maybePauseProtocol() {
        flow.maybePause(getWriteBufferSize(), protocol, this);
    }

    private void maybeResumeProtocol() {
        flow.maybeResume(getWriteBufferSize(), protocol, this);
    }

    // ---- sendfile ----

    @Override
    public boolean canSendfile() {
        return true;
    }

    /*
     * No splice here yet: the file is read in chunks on the loop thread (as core's transferTo
     * blocks it on the page cache too) and each chunk is sent as a write, the next one read once
     * the queue drained.
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
            ByteBuffer chunk = null;
            long sent = 0;
            while (true) {
                while (sends.size() > 0 && !isClosing()) {
                    parkSendfile();
                }
                if (isClosing()) {
                    throw new ConnectionResetException("the connection closed during sendfile, " + sent + " of " + count + " bytes sent");
                }
                if (sent >= count) {
                    return sent;
                }
                if (chunk == null) {
                    chunk = ByteBuffer.allocateDirect((int) Math.min(SENDFILE_CHUNK, count));
                }
                chunk.clear().limit((int) Math.min(chunk.capacity(), count - sent));
                int n = file.read(chunk, position + sent);
                if (n <= 0) {
                    return sent;
                }
                chunk.flip();
                enqueue(chunk);
                sent += n;
            }
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

    // ---- ending ----

    @Override
    public void close() {
        if (!beginClosing()) {
            return;
        }
        readEnded = true;
        cancelRecv();
        if (!sending) {
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
        readEnded = true;
        if ((held != null && !held.isEmpty()) || eventCount > 0) {
            unreadDropped = true;
        }
        held = null;
        sends.dropNext();
        cancelRecv();
        if (sending && !sendCancel) {
            sendCancel = true;
            cancel(sendToken, false);
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
        released = true;
        readEnded = true;
        cancelRecv();
        maybeFinishRelease();
    }

    /** Closes the channel once connectionLost ran and no operation on the socket is in the kernel. */
    private void maybeFinishRelease() {
        if (!released || closed || recvArmed || recvCancel || sending || sendCancel) {
            return;
        }
        closed = true;
        backend.release(recvToken);
        backend.release(sendToken);
        sends.free();
        try {
            if (abortive) {
                if (unreadDropped) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
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

    /** Submits an ASYNC_CANCEL of the operation with user_data {@code target}; its CQE clears the flag. */
    private void cancel(long target, boolean recv) {
        Cancel c = new Cancel(recv);
        c.token = backend.register(c);
        MemorySegment sqe = backend.ring().sqe(Uring.IORING_OP_ASYNC_CANCEL, -1, c.token);
        Sqe.addr(sqe, target);
        backend.opStarted();
    }

    /** The completion of one ASYNC_CANCEL. */
    private final class Cancel implements Completion {
        private final boolean recv;
        long token;

        Cancel(boolean recv) {
            this.recv = recv;
        }

        @Override
        public void complete(int res, int flags) {
            backend.release(token);
            backend.opFinished();
            if (recv) {
                recvCancel = false;
            } else {
                sendCancel = false;
            }
            // The target's own CQE may come before or after this one: whichever is last lets the
            // transport re-arm or close.
            scheduleDelivery();
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
        return "UringSocketTransport[" + (peername != null ? peername : channel) + (isClosing() ? ", closing" : "")
                + ", buffered=" + sends.size() + "]";
    }
}
