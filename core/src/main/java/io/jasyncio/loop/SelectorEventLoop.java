package io.jasyncio.loop;

/** The default event loop: polls with {@link SelectorBackend} and keeps real time. */
public final class SelectorEventLoop extends BaseEventLoop {
    /**
     * A new loop with its own selector.
     *
     * @throws java.io.UncheckedIOException if the selector cannot be opened
     */
    public SelectorEventLoop() {
        super(new SelectorBackend(), LoopClock.system());
    }
}
