package io.jasyncio;

import java.io.Serial;

/**
 * Raised at a task's suspension point when the task is cancelled: asyncio's
 * {@code CancelledError}.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the reason Python's is a
 * {@code BaseException}: {@code catch (Exception e)} must not swallow a cancellation. A task may
 * still catch it explicitly, clean up and go on (see {@link Task#uncancel()}).
 */
public class CancelledError extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A cancellation with an optional message (the one given to {@code cancel(msg)}). */
    public CancelledError(String message) {
        super(message);
    }

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }
}
