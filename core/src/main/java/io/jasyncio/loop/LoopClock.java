package io.jasyncio.loop;

/**
 * The time source of an event loop, in nanoseconds on a monotonic scale.
 *
 * <p>The real clock is {@link System#nanoTime()}; {@link VirtualClock} only moves when the loop
 * jumps it to the next timer.
 */
public interface LoopClock {
    /** The current time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Whether the loop may jump this clock forward instead of waiting for a timer. */
    default boolean jumps() {
        return false;
    }

    /** Moves the clock forward; only clocks that {@link #jumps()} support it. */
    default void advance(long nanos) {
        throw new UnsupportedOperationException("the real clock cannot be moved");
    }

    /** The clock of {@link System#nanoTime()}. */
    static LoopClock system() {
        return System::nanoTime;
    }
}
