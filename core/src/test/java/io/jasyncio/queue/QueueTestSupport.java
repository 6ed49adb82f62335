package io.jasyncio.queue;

import static io.jasyncio.Asyncio.timeout;

import io.jasyncio.Body;
import io.jasyncio.VoidBody;
import io.jasyncio.testing.LoopHarness;
import java.time.Duration;

/**
 * Runs a queue test's main coroutine under a deadline, so that a lost wake-up fails the test
 * with a timeout instead of hanging it (a hung selector-loop test cannot be stopped by JUnit's
 * same-thread timeout).
 */
final class QueueTestSupport {
    /** Far above any scenario here; virtual time reaches it at once, real time only on a bug. */
    static final Duration BOUND = Duration.ofSeconds(5);

    private QueueTestSupport() {
    }

    /** {@link LoopHarness#run} of {@code body} as the main task, under {@link #BOUND}. */
    static <T> T runBounded(LoopHarness h, Body<T, Exception> body) {
        return h.run(() -> timeout(BOUND, body));
    }

    /** {@link LoopHarness#run} of {@code body} as the main task, under {@link #BOUND}. */
    static void runBounded(LoopHarness h, VoidBody<Exception> body) {
        h.run(() -> timeout(BOUND, body));
    }
}
