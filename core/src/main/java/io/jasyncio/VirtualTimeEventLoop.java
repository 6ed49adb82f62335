package io.jasyncio;

import io.jasyncio.loop.BaseEventLoop;
import io.jasyncio.loop.SelectorBackend;
import io.jasyncio.loop.VirtualClock;

/**
 * An event loop on virtual time: whenever nothing is ready and no I/O is registered, the clock
 * jumps straight to the next timer. A one-hour timeout passes in microseconds and every run of
 * the same program sees the same times.
 *
 * <p>Cross-thread wake-ups still work (the backend is a real selector); see {@link VirtualClock}
 * for what does not hold the clock back.
 */
public final class VirtualTimeEventLoop extends BaseEventLoop implements EventLoop {
    /** A new loop whose clock starts at zero. */
    public VirtualTimeEventLoop() {
        super(new SelectorBackend(), new VirtualClock());
    }
}
