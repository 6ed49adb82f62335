package io.jasyncio.loop;

/**
 * A callback scheduled on an event loop, which can be cancelled until it runs: asyncio's
 * {@code Handle}.
 *
 * <p>Returned by {@link CallbackLoop#callSoon}. {@link #cancel()} is loop-confined, like the
 * scheduling calls; a cancelled handle is skipped when its turn comes.
 */
public class Handle implements Runnable {
    private final Runnable callback;
    private final BaseEventLoop loop;
    private final Object context;
    private boolean cancelled;

    Handle(BaseEventLoop loop, Runnable callback, Object context) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        this.loop = loop;
        this.callback = callback;
        this.context = context;
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

    /**
     * The context the callback runs in: the one current when it was scheduled. It is an
     * {@code io.jasyncio.Context}, or null for the empty one; the scheduler does not look inside.
     */
    public Object context() {
        return context;
    }

    /** Runs the callback, in its context, unless cancelled; the loop calls this, not users. */
    @Override
    public void run() {
        if (cancelled) {
            return;
        }
        Object previous = loop.context();
        loop.setContext(context);
        try {
            callback.run();
        } finally {
            loop.setContext(previous);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? ", cancelled" : "") + "]";
    }
}
