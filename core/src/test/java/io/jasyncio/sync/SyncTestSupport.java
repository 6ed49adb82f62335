package io.jasyncio.sync;

import static io.jasyncio.Asyncio.timeout;

import io.jasyncio.CancelledError;
import io.jasyncio.VoidBody;
import io.jasyncio.testing.LoopHarness;
import java.time.Duration;
import java.util.List;

/** Helpers shared by the tests of the sync primitives. */
final class SyncTestSupport {
    /**
     * Bounds every scenario: a lost wake-up then fails the test (at once in virtual time)
     * instead of hanging the build. Passing tests never wait for it.
     */
    static final Duration BOUND = Duration.ofSeconds(10);

    private SyncTestSupport() {
    }

    /** Runs {@code body} as the test's main task, under {@link #BOUND}. */
    static void runBounded(LoopHarness h, VoidBody<RuntimeException> body) {
        h.run(() -> timeout(BOUND, body));
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
