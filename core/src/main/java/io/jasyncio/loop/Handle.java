package io.jasyncio.loop;

/**
 * A callback scheduled on an event loop, which can be cancelled until it runs: asyncio's
 * {@code Handle}.
 *
 * <p>Returned by {@link EventLoop#callSoon}. {@link #cancel()} is loop-confined, like the
 * scheduling calls; a cancelled handle is skipped when its turn comes.
 */
public class Handle implements Runnable {
    private final Runnable callback;
    private boolean cancelled;

    Handle(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        this.callback = callback;
    }

    /** Stops the callback from running; has no effect once it has run. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** The callback this handle runs. */
    public Runnable callback() {
        return callback;
    }

    /** Runs the callback unless cancelled; the loop calls this, not users. */
    @Override
    public void run() {
        if (!cancelled) {
            callback.run();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? ", cancelled" : "") + "]";
    }
}
