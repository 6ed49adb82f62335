package io.jasyncio.loop;

import java.io.Serial;

/**
 * Thrown by {@link CallbackLoop#runForever()} and {@code EventLoop.runUntilComplete} when the loop
 * thread was interrupted ({@link Thread#interrupt()}) while the loop waited for I/O or timers.
 *
 * <p>asyncio has no counterpart: Python threads cannot be interrupted. In Java an interrupt is
 * how a caller (a JUnit timeout, an executor's {@code shutdownNow}) asks a thread to stop; a
 * selector cannot wait while its thread is interrupted, so carrying on would spin a core. The
 * loop clears the interrupt status, stops, and throws this; the loop stays open and can be run
 * again (as {@code run(main)} does to cancel what is left).
 */
public class LoopInterruptedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The exception, with a message naming the interrupted thread. */
    public LoopInterruptedException(String message) {
        super(message);
    }
}
