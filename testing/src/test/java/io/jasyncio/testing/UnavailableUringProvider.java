package io.jasyncio.testing;

import io.jasyncio.EventLoop;
import io.jasyncio.EventLoopProvider;

/**
 * Stands in for jasyncio-uring on a machine without io_uring: registered in this module's test
 * resources, so that {@link LoopTest}'s URING runs here are the "installed but unavailable"
 * case, skipped with {@link #REASON}.
 */
public final class UnavailableUringProvider implements EventLoopProvider {
    static final String REASON = "io_uring is not available: test provider standing in for a kernel without it";

    /** Used by {@link java.util.ServiceLoader}. */
    public UnavailableUringProvider() {
    }

    @Override
    public String name() {
        return "uring";
    }

    @Override
    public String unavailableReason() {
        return REASON;
    }

    @Override
    public EventLoop create() {
        throw new UnsupportedOperationException(REASON);
    }
}
