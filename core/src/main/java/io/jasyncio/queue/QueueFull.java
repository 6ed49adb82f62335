package io.jasyncio.queue;

import java.io.Serial;

/**
 * Thrown by {@link Queue#putNowait(Object)} when the queue holds {@code maxsize} items:
 * asyncio's {@code QueueFull}, in Java.
 *
 * <p>It extends {@link IllegalStateException}, the exception {@code java.util.Queue.add()}
 * throws for the same reason.
 */
public class QueueFull extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error saying the queue is full. */
    public QueueFull() {
        super("the queue is full");
    }
}
