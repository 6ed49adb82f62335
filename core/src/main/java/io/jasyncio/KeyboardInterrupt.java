package io.jasyncio;

import java.io.Serial;

/**
 * Thrown by {@link Asyncio#run} when Ctrl-C (SIGINT) cancelled the main task: Python's
 * {@code KeyboardInterrupt}. If it escapes {@code main}, the JVM exits with status 130, as a
 * Python program does.
 */
public class KeyboardInterrupt extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The interrupt, caused by the cancellation it delivered. */
    public KeyboardInterrupt(Throwable cause) {
        super("interrupted by SIGINT", cause);
    }
}
