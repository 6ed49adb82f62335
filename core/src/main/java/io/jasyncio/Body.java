package io.jasyncio;

/**
 * A block of code run inline in the calling task by a scope such as {@link Timeout} or
 * {@link TaskGroup}. The scope rethrows whatever the block throws, so a block that throws a
 * checked {@code X} makes the scope's call throw {@code X} too.
 *
 * @param <T> the block's result
 * @param <X> the checked exception it may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface Body<T, X extends Throwable> {
    /** Runs the block. */
    T call() throws X;
}
