package io.jasyncio;

/**
 * A coroutine body with no result; it may suspend and may throw. Overloads that take it beside a
 * {@link java.util.concurrent.Callable} pick this one for lambdas that return nothing.
 */
@FunctionalInterface
public interface AsyncRunnable {
    /** Runs the body. */
    void run() throws Exception;
}
