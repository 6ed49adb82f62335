package io.jasyncio.loop;

/**
 * What went wrong, handed to the loop's exception handler: asyncio's context dict as a record.
 *
 * @param message         what happened, never null
 * @param exception       the error, if there is one
 * @param source          the future, task or handle involved, if any
 * @param creationSite    where {@code source} was created (debug mode only), else null
 */
public record ExceptionContext(String message, Throwable exception, Object source, Throwable creationSite) {
    /**
     * Checks the message is present.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public ExceptionContext {
        if (message == null) {
            throw new NullPointerException("message");
        }
    }

    /** A context with only a message and an exception. */
    public static ExceptionContext of(String message, Throwable exception) {
        return new ExceptionContext(message, exception, null, null);
    }
}
