package io.jasyncio;

import io.jasyncio.loop.BaseEventLoop;
import io.jasyncio.loop.LoopClock;
import io.jasyncio.loop.SelectorBackend;

/**
 * The default event loop: the shared scheduler over {@link SelectorBackend} (epoll on Linux),
 * keeping real time. Usually made by {@link Asyncio#newEventLoop()} or {@code Asyncio.run}.
 */
public final class SelectorEventLoop extends BaseEventLoop implements EventLoop {
    /**
     * A new loop with its own selector.
     *
     * @throws java.io.UncheckedIOException if the selector cannot be opened
     */
    public SelectorEventLoop() {
        super(new SelectorBackend(), LoopClock.system());
    }
}
