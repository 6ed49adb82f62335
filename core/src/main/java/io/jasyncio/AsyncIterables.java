package io.jasyncio;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The common shapes over async iterables (an {@link Iterable} whose {@code next()} may suspend,
 * such as an {@link AsyncGenerator}): map, filter, take. Each is lazy and pulls from its source
 * only as it is iterated, in the calling task.
 */
public final class AsyncIterables {
    private AsyncIterables() {
    }

    /** The items of {@code source} passed through {@code fn}, which may wait. */
    public static <I, T> Iterable<T> map(Iterable<I> source, AsyncFunction<? super I, ? extends T> fn) {
        return () -> new Iterator<>() {
            private final Iterator<I> it = source.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                I item = it.next();
                try {
                    return fn.apply(item);
                } catch (Exception e) {
                    throw Future.rethrowable(e);
                }
            }
        };
    }

    /** The items of {@code source} that {@code keep} accepts. */
    public static <T> Iterable<T> filter(Iterable<T> source, Predicate<? super T> keep) {
        return () -> new Iterator<>() {
            private final Iterator<T> it = source.iterator();
            private T pending;
            private boolean has;

            @Override
            public boolean hasNext() {
                while (!has && it.hasNext()) {
                    T item = it.next();
                    if (keep.test(item)) {
                        pending = item;
                        has = true;
                    }
                }
                return has;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                has = false;
                T item = pending;
                pending = null;
                return item;
            }
        };
    }

    /**
     * At most the first {@code n} items of {@code source}; it stops pulling after them.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static <T> Iterable<T> take(Iterable<T> source, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count: " + n);
        }
        return () -> new Iterator<>() {
            private final Iterator<T> it = source.iterator();
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < n && it.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                taken++;
                return it.next();
            }
        };
    }
}
