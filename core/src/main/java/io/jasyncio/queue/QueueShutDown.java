package io.jasyncio.queue;

import java.io.Serial;

/**
 * Thrown by a queue operation that cannot go on because {@link Queue#shutdown(boolean)} was
 * called: asyncio's {@code QueueShutDown} (Python 3.13), in Java.
 *
 * <p>Puts throw it as soon as the queue is shut down; gets throw it once the queue is shut down
 * and empty. Tasks waiting in {@link Queue#get()} or {@link Queue#put(Object)} when the queue is
 * shut down are woken with it. It is unchecked and extends neither {@link QueueFull} nor
 * {@link QueueEmpty}, so a handler for those does not swallow it.
 */
public class QueueShutDown extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error saying the queue is shut down. */
    public QueueShutDown() {
        super("the queue is shut down");
    }
}
