package io.jasyncio;

/** When {@link Asyncio#wait} returns: asyncio's {@code FIRST_COMPLETED} and friends. */
public enum ReturnWhen {
    /** As soon as any future is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future fails with an exception, or all are done. */
    FIRST_EXCEPTION,
    /** When all are done. */
    ALL_COMPLETED
}
