package io.jasyncio.testing;

import io.jasyncio.LoopKind;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that runs once per event loop kind, each time on a fresh loop, and fails if it
 * leaves tasks, timers, ready callbacks or I/O readers and writers behind, or an exception
 * unhandled; with {@link #checkFds()}, also if it leaves file descriptors open. The test method
 * takes a {@link LoopHarness} parameter. With {@link #seeds()}, it also runs under that many
 * seeded schedules, each a reproducible interleaving of the callbacks ready at the same time.
 *
 * {@snippet :
 * @LoopTest
 * void sleepZeroYieldsOnce(LoopHarness h) {
 *     assertEquals("done", h.run(() -> { sleep(Duration.ZERO); return "done"; }));
 * }
 * }
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(LoopExtension.class)
public @interface LoopTest {
    /**
     * The loop kinds to run on; all of them unless the test needs one (virtual time, say). A test
     * of real I/O lists {@code {LoopKind.SELECTOR, LoopKind.URING}}, so that both I/O loops pass
     * the same test. {@link LoopKind#URING} runs only where {@code jasyncio-uring} is on the class
     * path (its module re-runs core's tests on it) and is skipped, with the reason, where the
     * kernel lacks io_uring; see {@link LoopExtension}.
     */
    LoopKind[] loops() default {LoopKind.SELECTOR, LoopKind.URING, LoopKind.VIRTUAL};

    /**
     * How many seeded schedules to run the test under, per loop kind; 0 (the default) runs the
     * plain asyncio order only. With N, the test runs with seeds 1..N (see
     * {@link io.jasyncio.loop.CallbackLoop#setScheduleSeed}); a failing run's name carries its
     * seed, and {@code -Djasyncio.test.seed=S} reruns just that seed.
     */
    int seeds() default 0;

    /**
     * Whether to fail the test if the process has file descriptors open after it (and after its
     * loop is closed) that it did not have before; see {@link FileDescriptors#leaked()}. For
     * tests that open sockets.
     */
    boolean checkFds() default false;
}
