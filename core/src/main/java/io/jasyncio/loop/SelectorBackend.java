package io.jasyncio.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;

/** An {@link IoBackend} over {@link java.nio.channels.Selector} (epoll on Linux). */
public final class SelectorBackend implements IoBackend {
    private final Selector selector;

    /**
     * Opens a selector.
     *
     * @throws UncheckedIOException if the selector cannot be opened
     */
    public SelectorBackend() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    @Override
    public void poll(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow();
            } else if (timeoutNanos < 0) {
                selector.select();
            } else {
                // Round up: waking before the timer is due would only spin the loop once more.
                selector.select(Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public boolean hasRegistrations() {
        return !selector.keys().isEmpty();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the selector", e);
        }
    }
}
