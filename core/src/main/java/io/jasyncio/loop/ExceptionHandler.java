package io.jasyncio.loop;

/**
 * Receives the errors that nobody else can: asyncio's loop exception handler.
 *
 * <p>Called on the loop thread (or the thread closing the loop) by
 * {@link CallbackLoop#callExceptionHandler}.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /** Handles one report; exceptions it throws are logged and otherwise ignored. */
    void handle(CallbackLoop loop, ExceptionContext context);
}
