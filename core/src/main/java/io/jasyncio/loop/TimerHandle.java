package io.jasyncio.loop;

/**
 * A callback scheduled for a point in loop time: asyncio's {@code TimerHandle}.
 *
 * <p>Returned by {@link CallbackLoop#callLater} and {@link CallbackLoop#callAt}. Cancelling it leaves
 * it in the timer queue, to be dropped lazily when it reaches the head or when cancelled timers
 * dominate the queue.
 */
public final class TimerHandle extends Handle {
    private final long when;
    final long sequence;
    private final BaseEventLoop loop;
    boolean scheduled = true;

    TimerHandle(BaseEventLoop loop, long when, long sequence, Runnable callback, Object context) {
        super(loop, callback, context);
        this.loop = loop;
        this.when = when;
        this.sequence = sequence;
    }

    /** The loop time, in nanoseconds of {@link CallbackLoop#time()}, at which it is due. */
    public long when() {
        return when;
    }

    @Override
    public void cancel() {
        if (!isCancelled()) {
            super.cancel();
            if (scheduled) {
                loop.timerCancelled();
            }
        }
    }

    /** Deadline order; ties run in the order they were scheduled. */
    boolean before(TimerHandle other) {
        return when < other.when || (when == other.when && sequence < other.sequence);
    }
}
