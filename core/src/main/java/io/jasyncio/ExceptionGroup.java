package io.jasyncio;

import java.io.Serial;
import java.util.List;

/**
 * Several failures that happened together, such as those of the tasks of a {@link TaskGroup}:
 * Python's {@code ExceptionGroup}.
 *
 * <p>Each failure is in {@link #exceptions()} in the order it happened, and also attached with
 * {@link Throwable#addSuppressed} so that a printed stack trace shows them all.
 */
public class ExceptionGroup extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions}.
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an exception group needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            if (t != this) {
                addSuppressed(t);
            }
        }
    }

    /** The failures, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** Whether any failure (looking inside nested groups) is an instance of {@code type}. */
    public boolean contains(Class<? extends Throwable> type) {
        for (Throwable t : exceptions) {
            if (type.isInstance(t) || (t instanceof ExceptionGroup g && g.contains(type))) {
                return true;
            }
        }
        return false;
    }
}
