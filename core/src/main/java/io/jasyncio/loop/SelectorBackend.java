package io.jasyncio.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/** An {@link IoBackend} over {@link java.nio.channels.Selector} (epoll on Linux). */
public final class SelectorBackend implements IoBackend {
    /*
     * Implementation notes.
     *
     * One SelectionKey per channel, its attachment a Registration holding the reader and writer
     * callbacks; the interest set is recomputed from them on every change. A key whose callbacks
     * are both removed is kept with an empty interest set rather than cancelled: a cancelled key
     * cannot be re-registered before the next select, and channels often toggle a writer. Keys
     * go away when their channel is closed (closing a channel cancels its keys; the next select
     * deregisters them and only then does the JDK close the file descriptor). deregister flushes
     * the key at once (selectNow); deregisterSoon leaves it to the next poll (or to
     * flushDeregistered when the loop stops), so that the sockets closed in one iteration share
     * one flush: 10,000 peers leaving at once made a selectNow each, every one of them walking
     * the ready set, which is quadratic.
     *
     * Polling uses select(Consumer): the JDK calls onReady for each ready key without filling
     * the selected-key set, and onReady hands the registration's callbacks to the sink. Nothing
     * is allocated per ready event.
     *
     * A socket that is still connecting reports writability as OP_CONNECT (the JDK translates
     * EPOLLOUT to OP_WRITE only once connected), so the writer's interest op depends on that.
     */
    private static final int READS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITES = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final Selector selector;
    private static final Consumer<SelectionKey> IGNORE_READY = key -> { };
    private final Consumer<SelectionKey> onReady = this::dispatch;
    private Consumer<Runnable> sink;
    private boolean cancelledSincePoll;

    /** The callbacks of one channel: the key's attachment. */
    private static final class Registration {
        Runnable reader;
        Runnable writer;
    }

    /**
     * Opens a selector.
     *
     * @throws UncheckedIOException if the selector cannot be opened
     */
    public SelectorBackend() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    @Override
    public void poll(long timeoutNanos, Consumer<Runnable> ready) {
        sink = ready;
        cancelledSincePoll = false; // this select flushes them
        try {
            if (timeoutNanos == 0) {
                selector.selectNow(onReady);
            } else if (timeoutNanos < 0) {
                selector.select(onReady);
            } else {
                // Round up: waking before the timer is due would only spin the loop once more.
                selector.select(onReady, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        } finally {
            sink = null;
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid() || !(key.attachment() instanceof Registration reg)) {
            return;
        }
        int ops = key.readyOps();
        if ((ops & READS) != 0 && reg.reader != null) {
            sink.accept(reg.reader);
        }
        if ((ops & WRITES) != 0 && reg.writer != null) {
            sink.accept(reg.writer);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public boolean hasRegistrations() {
        return !selector.keys().isEmpty();
    }

    @Override
    public int registrationCount() {
        int n = 0;
        for (SelectionKey k : selector.keys()) {
            if (k.isValid() && k.attachment() instanceof Registration r && (r.reader != null || r.writer != null)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Runnable setReader(SelectableChannel channel, Runnable callback) {
        return set(channel, callback, true);
    }

    @Override
    public Runnable setWriter(SelectableChannel channel, Runnable callback) {
        return set(channel, callback, false);
    }

    private Runnable set(SelectableChannel channel, Runnable callback, boolean read) {
        if (callback != null) {
            // Fail before touching the registration: the caller's old callback stays in place.
            opFor(channel, read);
        }
        SelectionKey key = channel.keyFor(selector);
        Registration reg = key == null ? null : (Registration) key.attachment();
        if (reg == null) {
            if (callback == null) {
                return null;
            }
            reg = new Registration();
            setField(reg, callback, read);
            try {
                channel.register(selector, interest(channel, reg), reg);
            } catch (ClosedChannelException e) {
                throw new UncheckedIOException("cannot watch a closed channel", e);
            }
            return null;
        }
        if (callback != null && !key.isValid()) {
            // We never cancel our keys: an invalid one means the channel was closed.
            throw new UncheckedIOException("cannot watch a closed channel", new ClosedChannelException());
        }
        Runnable old = read ? reg.reader : reg.writer;
        setField(reg, callback, read);
        if (key.isValid()) {
            key.interestOps(interest(channel, reg));
        }
        return old;
    }

    private static void setField(Registration reg, Runnable callback, boolean read) {
        if (read) {
            reg.reader = callback;
        } else {
            reg.writer = callback;
        }
    }

    private static int interest(SelectableChannel channel, Registration reg) {
        return (reg.reader != null ? opFor(channel, true) : 0) | (reg.writer != null ? opFor(channel, false) : 0);
    }

    private static int opFor(SelectableChannel channel, boolean read) {
        if (!read && channel instanceof SocketChannel s && s.isConnectionPending()) {
            return SelectionKey.OP_CONNECT;
        }
        int op = channel.validOps() & (read ? READS : SelectionKey.OP_WRITE);
        if (op == 0) {
            throw new IllegalArgumentException(channel + " cannot be " + (read ? "read" : "written"));
        }
        return op;
    }

    @Override
    public void deregister(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            key.cancel();
            flushDeregistered();
        }
    }

    @Override
    public void deregisterSoon(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            key.cancel();
            cancelledSincePoll = true;
        }
    }

    @Override
    public void flushDeregistered() {
        cancelledSincePoll = false;
        try {
            // Only a selection operation flushes cancelled keys. Readiness it sees is dropped
            // safely: epoll is level-triggered here, so the next poll reports it again. A
            // wake-up it consumes is harmless too: the loop drains its threadsafe queue before
            // every poll, so a callback posted before this call is run anyway.
            selector.selectNow(IGNORE_READY);
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the selector", e);
        }
    }
}
