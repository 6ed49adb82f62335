package io.jasyncio.sync;

import io.jasyncio.CancelledError;
import java.util.List;

/** Helpers shared by the tests of the sync primitives. */
final class SyncTestSupport {
    private SyncTestSupport() {
    }

    /**
     * Fails if any outcome of {@code gatherReturnExceptions} is a failure other than a
     * cancellation: an assertion that failed inside a task would otherwise go unnoticed.
     */
    static void assertOnlyCancellations(List<Object> outcomes) {
        for (Object o : outcomes) {
            if (o instanceof Throwable t && !(t instanceof CancelledError)) {
                throw new AssertionError("a task failed", t);
            }
        }
    }
}
