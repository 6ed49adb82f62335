package io.jasyncio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** {@link Asyncio#mapConcurrently}: at most {@code limit} tasks at a time, results in order. */
final class Bounded {
    /*
     * Implementation notes.
     *
     * `limit` worker tasks in a TaskGroup pull the next index from a shared cursor (all on the
     * loop thread, so a plain int). Without collectErrors a failure makes the group cancel the
     * other workers and the ExceptionGroup is unwrapped to the first failure, as gather does.
     */
    private Bounded() {
    }

    static <I> List<Object> map(Collection<? extends I> items, int limit, AsyncFunction<? super I, ?> fn, boolean collectErrors) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<? extends I> input = new ArrayList<>(items);
        Object[] results = new Object[input.size()];
        int[] cursor = {0};
        TaskGroup group = new TaskGroup();
        try {
            group.run(() -> {
                for (int w = 0; w < Math.min(limit, input.size()); w++) {
                    group.createTask(() -> {
                        while (cursor[0] < input.size()) {
                            int i = cursor[0]++;
                            try {
                                results[i] = fn.apply(input.get(i));
                            } catch (CancelledError e) {
                                if (Asyncio.currentTask().cancelling() > 0) {
                                    throw e; // the worker itself is being cancelled
                                }
                                // The item's own work was cancelled (gather would raise it): a
                                // failure of that item, which the TaskGroup must not mistake for
                                // a cancellation of the worker.
                                if (!collectErrors) {
                                    throw new ItemCancelled(e);
                                }
                                results[i] = e;
                            } catch (Exception e) {
                                if (!collectErrors) {
                                    throw e;
                                }
                                results[i] = e;
                            }
                        }
                        return null;
                    });
                }
            });
        } catch (ExceptionGroup g) {
            Throwable first = g.exceptions().get(0);
            throw Future.rethrowable(first instanceof ItemCancelled c ? c.getCause() : first);
        }
        return Arrays.asList(results);
    }

    /** Carries an item's CancelledError through the TaskGroup as a failure. */
    private static final class ItemCancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ItemCancelled(CancelledError cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
