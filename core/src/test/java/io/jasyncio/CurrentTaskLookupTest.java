package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Asyncio#currentTask()} found from the mounted coroutine (no thread-local): it is the
 * task whose body runs, also inside an async generator that task consumes, and null wherever
 * no task body runs, even while tasks are suspended.
 */
class CurrentTaskLookupTest {

    @LoopTest
    void insideAnAsyncGeneratorItIsTheConsumingTask(LoopHarness h) {
        h.run(() -> {
            List<Task<?>> seen = new ArrayList<>();
            AsyncGenerator<Integer> gen = AsyncGenerator.of(out -> {
                seen.add(currentTask());
                sleep(Duration.ZERO);
                seen.add(currentTask());
                out.emit(1);
                seen.add(currentTask());
            });
            for (int ignored : gen) {
                seen.add(currentTask());
            }
            Task<?> self = currentTask();
            assertNotNull(self);
            assertEquals(List.of(self, self, self, self), seen);
        });
    }

    @LoopTest
    void callbacksRunBetweenStepsSeeNoTask(LoopHarness h) {
        h.run(() -> {
            List<Object> seen = new ArrayList<>();
            Task<Void> parked = createTask(() -> {
                sleep(Duration.ofMillis(5));
                return null;
            });
            sleep(Duration.ZERO);
            getRunningLoop().callSoon(() -> seen.add(String.valueOf(currentTask())));
            parked.addDoneCallback(f -> seen.add(String.valueOf(currentTask())));
            parked.await();
            sleep(Duration.ZERO);
            assertEquals(List.of("null", "null"), seen);
        });
    }

    @LoopTest
    void eachTaskSeesItselfAcrossSwitches(LoopHarness h) {
        h.run(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            List<Boolean> same = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add(createTask(() -> {
                    Task<?> me = currentTask();
                    for (int k = 0; k < 3; k++) {
                        sleep(Duration.ZERO);
                        same.add(me == currentTask());
                    }
                    return me;
                }));
            }
            for (Task<?> t : tasks) {
                assertSame(t, t.await());
            }
            assertEquals(9, same.size());
            assertFalse(same.contains(false));
        });
    }
}
