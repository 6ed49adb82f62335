package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;

/**
 * A cancellation from outside a {@link TaskGroup} that arrives while the group is failing must not
 * be lost (CPython 3.13's {@code TaskGroup.__aexit__}: "un-cancel and re-cancel the parent task,
 * which will keep the cancel count stable"). Found while {@code TaskGroupTest}'s
 * {@code enclosingTimeoutStillExpiresAfterAGroupFailedInItsExit} hung now and then on a loaded
 * machine: there the timeout and the child's crash became due in the same loop iteration.
 */
class TaskGroupOuterCancelTest {
    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTimeoutDueInTheIterationTheGroupsChildCrashesStillExpires(LoopHarness h) {
        h.run(() -> {
            Timeout t = Timeout.after(Duration.ofSeconds(5));
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
                try {
                    TaskGroup g = new TaskGroup();
                    g.run(() -> {
                        g.createTask(() -> {
                            sleep(Duration.ofMillis(1));
                            throw new IllegalArgumentException("crash");
                        });
                        sleep(Duration.ZERO);
                        // The child's timer is scheduled now; the same deadline, scheduled after
                        // it, makes the crash and the expiry run in one iteration, crash first.
                        t.reschedule(time() + Duration.ofMillis(1).toNanos());
                    });
                } catch (ExceptionGroup expected) {
                    // The group failed; the timeout must still interrupt the next wait.
                }
                sleep(Duration.ofHours(1));
            }));
        });
    }
}
