package io.jasyncio.queue;

import java.io.Serial;
import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait()} when the queue holds no item: asyncio's
 * {@code QueueEmpty}, in Java.
 *
 * <p>It extends {@link NoSuchElementException}, the exception {@code java.util.Queue.remove()}
 * throws for the same reason.
 */
public class QueueEmpty extends NoSuchElementException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error saying the queue is empty. */
    public QueueEmpty() {
        super("the queue is empty");
    }
}
