package io.jasyncio.loop;

/**
 * A clock that stands still until the loop jumps it to the next timer: whenever the loop has
 * nothing ready and no I/O registered, the time it would have slept passes at once.
 *
 * <p>Like trio's autojump clock with a threshold of zero. Work in other threads (for example
 * {@code toThread}) does not hold the clock: a timeout around such work can expire at once.
 */
public final class VirtualClock implements LoopClock {
    private long now;

    /** A clock that starts at zero. */
    public VirtualClock() {
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean jumps() {
        return true;
    }

    /**
     * Moves the clock forward by {@code nanos}.
     *
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    @Override
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go back: " + nanos);
        }
        now += nanos;
    }
}
