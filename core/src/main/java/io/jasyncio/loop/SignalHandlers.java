package io.jasyncio.loop;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The Unix signal handlers of one event loop ({@link CallbackLoop#addSignalHandler}), over the
 * JVM's {@code sun.misc.Signal}.
 */
final class SignalHandlers {
    /*
     * Implementation notes.
     *
     * The JVM runs a sun.misc.SignalHandler on its "Signal Dispatcher" thread. Ours only hands
     * the loop a Handle made when the handler was added (so the callback runs in the context
     * current then, as asyncio's Handle does) through callSoonThreadsafe, which wakes the poll.
     *
     * A signal's disposition is process-wide, so at most one open loop handles a given signal:
     * OWNERS maps each signal number to the loop's SignalHandlers that installed it. Adding
     * remembers the handler that was there before (the JVM's default, or Asyncio.run's Ctrl-C
     * handler for SIGINT) and removing puts it back, so Ctrl-C works as before once a SIGINT
     * handler is removed. Replacing a handler on the same loop keeps the first "previous".
     *
     * Removing cancels the Handle, so a delivery already queued does not run after
     * removeSignalHandler returns. Handle.cancel and `installed` are loop-confined; the
     * dispatcher thread only reads the immutable Installed record it captured.
     */
    private static final Map<Integer, SignalHandlers> OWNERS = new ConcurrentHashMap<>();

    private record Installed(Signal signal, SignalHandler previous, Handle handle) {
    }

    private final BaseEventLoop loop;
    private final Map<Integer, Installed> installed = new HashMap<>();

    SignalHandlers(BaseEventLoop loop) {
        this.loop = loop;
    }

    void add(String name, Runnable callback) {
        checkSupported();
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        Signal signal = signal(name);
        int number = signal.getNumber();
        SignalHandlers owner = OWNERS.putIfAbsent(number, this);
        if (owner != null && owner != this) {
            throw new IllegalStateException("SIG" + signal.getName() + " is handled by another event loop: " + owner.loop
                    + "; a signal's handler is process-wide");
        }
        Handle handle = new Handle(loop, callback, loop.context());
        Installed before = installed.get(number);
        SignalHandler previous;
        try {
            previous = Signal.handle(signal, sig -> deliver(handle));
        } catch (IllegalArgumentException e) {
            if (before == null) {
                OWNERS.remove(number, this);
            }
            throw new IllegalArgumentException("the JVM refuses to let SIG" + signal.getName()
                    + " be handled (it is SIGKILL or SIGSTOP, used by the JVM itself, or ignored or reserved by -Xrs)", e);
        }
        if (before != null) {
            before.handle().cancel();
            previous = before.previous();
        }
        installed.put(number, new Installed(signal, previous, handle));
    }

    boolean remove(String name) {
        checkSupported();
        Signal signal = signal(name);
        Installed i = installed.remove(signal.getNumber());
        if (i == null) {
            return false;
        }
        restore(i);
        return true;
    }

    /** Removes every handler; the loop calls this when it closes. */
    void removeAll() {
        for (Installed i : installed.values()) {
            restore(i);
        }
        installed.clear();
    }

    private void restore(Installed i) {
        i.handle().cancel();
        try {
            Signal.handle(i.signal(), i.previous());
        } finally {
            OWNERS.remove(i.signal().getNumber(), this);
        }
    }

    private void deliver(Handle handle) {
        try {
            loop.callSoonThreadsafe(handle);
        } catch (IllegalStateException closed) {
            // The loop closed as the signal arrived; close() is restoring the previous handler.
        }
    }

    /** The signal called {@code name}, with or without its "SIG" prefix, in any case. */
    private static Signal signal(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("SIG")) {
            n = n.substring(3);
        }
        try {
            return new Signal(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown signal: " + name, e);
        }
    }

    private static void checkSupported() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            throw new UnsupportedOperationException("signal handlers are only supported on Unix");
        }
    }
}
