package io.jasyncio;

/**
 * A coroutine of one argument, as {@link Asyncio#mapConcurrently} applies to each item; it may
 * suspend and may throw.
 *
 * @param <I> the argument type
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncFunction<I, T> {
    /** Applies the function. */
    T apply(I item) throws Exception;
}
