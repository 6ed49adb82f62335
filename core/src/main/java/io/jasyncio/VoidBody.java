package io.jasyncio;

/**
 * A block with no result run inline by a scope; the void twin of {@link Body}.
 *
 * @param <X> the checked exception it may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface VoidBody<X extends Throwable> {
    /** Runs the block. */
    void run() throws X;
}
