package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncGenerator} (issue 3): the behaviours of CPython's test_asyncgen.py that apply — values
 * in order between waits, running inside the consuming task, early close running finally blocks,
 * errors and cancellation crossing between body and consumer, and the close at the end of run().
 */
class AsyncGeneratorTest {
    private static final Duration MS = Duration.ofMillis(1);

    private static AsyncGenerator<Integer> counting(int n, List<String> log) {
        return AsyncGenerator.of(out -> {
            try {
                for (int i = 0; i < n; i++) {
                    sleep(MS);
                    out.emit(i);
                }
            } finally {
                log.add("finally");
            }
        });
    }

    @LoopTest
    void valuesComeInOrderBetweenWaits(LoopHarness h) {
        List<String> log = new ArrayList<>();
        List<Integer> got = h.run(() -> {
            List<Integer> r = new ArrayList<>();
            for (int v : counting(3, log)) {
                r.add(v);
            }
            return r;
        });
        assertEquals(List.of(0, 1, 2), got);
        assertEquals(List.of("finally"), log);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void waitsInTheBodyTakeLoopTime(LoopHarness h) {
        long took = h.run(() -> {
            long start = time();
            for (int ignored : counting(5, new ArrayList<>())) {
                assertTrue(ignored >= 0);
            }
            return time() - start;
        });
        assertEquals(5 * MS.toNanos(), took);
    }

    @LoopTest
    void bodyRunsInsideTheConsumingTaskNotATaskOfItsOwn(LoopHarness h) {
        h.run(() -> {
            Task<?> consumer = currentTask();
            List<Object> seen = new ArrayList<>();
            int tasksBefore = allTasks().size();
            for (Object t : AsyncGenerator.<Object>of(out -> {
                sleep(MS);
                out.emit(currentTask());
                out.emit(allTasks().size());
            })) {
                seen.add(t);
            }
            assertSame(consumer, seen.get(0));
            assertEquals(tasksBefore, seen.get(1));
        });
    }

    @LoopTest
    void otherTasksRunWhileTheBodyWaits(LoopHarness h) {
        List<String> order = new ArrayList<>();
        h.run(() -> {
            Task<Void> other = createTask(() -> {
                order.add("other");
            });
            for (int v : AsyncGenerator.<Integer>of(out -> {
                sleep(MS);
                out.emit(1);
            })) {
                order.add("value " + v);
            }
            other.await();
        });
        assertEquals(List.of("other", "value 1"), order);
    }

    @LoopTest
    void breakingOutWithTryWithResourcesRunsTheFinallyBlocks(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            try (AsyncGenerator<Integer> g = AsyncGenerator.of(out -> {
                try {
                    for (int i = 0; ; i++) {
                        out.emit(i);
                    }
                } finally {
                    sleep(MS);   // cleanup may wait
                    log.add("cleaned up");
                }
            })) {
                for (int v : g) {
                    if (v == 2) {
                        break;
                    }
                }
                assertFalse(g.isDone());
            }
        });
        assertEquals(List.of("cleaned up"), log);
    }

    @LoopTest
    void closeBeforeTheFirstValueNeverRunsTheBody(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            AsyncGenerator<Integer> g = counting(3, log);
            g.close();
            assertTrue(g.isDone());
            assertFalse(g.hasNext());
        });
        assertEquals(List.of(), log);
    }

    @LoopTest
    void closeAfterTheEndIsANoOp(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = counting(1, new ArrayList<>());
            assertEquals(0, g.next());
            assertFalse(g.hasNext());
            g.close();
            g.close();
            assertTrue(g.isDone());
        });
    }

    @LoopTest
    void nextAfterTheEndThrowsNoSuchElement(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = counting(0, new ArrayList<>());
            assertThrows(NoSuchElementException.class, g::next);
        });
    }

    @LoopTest
    void anExceptionOfTheBodyReachesTheConsumerAsItIs(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("boom");
        h.run(() -> {
            AsyncGenerator<Integer> g = AsyncGenerator.of(out -> {
                out.emit(1);
                sleep(MS);
                throw boom;
            });
            assertEquals(1, g.next());
            assertSame(boom, assertThrows(IllegalStateException.class, g::hasNext));
            assertTrue(g.isDone());
        });
    }

    @LoopTest
    void aCheckedExceptionOfTheBodyIsWrapped(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = AsyncGenerator.of(out -> {
                throw new IOException("disk");
            });
            CompletionException e = assertThrows(CompletionException.class, g::hasNext);
            assertInstanceOf(IOException.class, e.getCause());
        });
    }

    @LoopTest
    void aBodyThatEmitsAfterGeneratorExitMakesCloseFail(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = AsyncGenerator.of(out -> {
                try {
                    out.emit(1);
                } catch (GeneratorExit e) {
                    out.emit(2);
                }
            });
            assertEquals(1, g.next());
            assertThrows(IllegalStateException.class, g::close);
            assertTrue(g.isDone());
        });
    }

    @LoopTest
    void cancellingTheConsumerWhileTheBodyWaitsRunsTheBodysFinally(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> consumer = createTask(() -> {
                for (int ignored : AsyncGenerator.<Integer>of(out -> {
                    try {
                        sleep(Duration.ofHours(1));
                        out.emit(1);
                    } finally {
                        log.add("body finally");
                    }
                })) {
                    log.add("got a value");
                }
            });
            sleep(MS);
            consumer.cancel("stop");
            CancelledError e = assertThrows(CancelledError.class, consumer::await);
            assertEquals("stop", e.getMessage());
        });
        assertEquals(List.of("body finally"), log);
    }

    @LoopTest
    void iteratingOutsideATaskFails(LoopHarness h) {
        AsyncGenerator<Integer> g = counting(1, new ArrayList<>());
        assertThrows(IllegalStateException.class, g::hasNext);
    }

    @LoopTest
    void iteratorIsTheGeneratorItself(LoopHarness h) {
        AsyncGenerator<Integer> g = counting(1, new ArrayList<>());
        assertSame(g, g.iterator());
        assertTrue(g.toString().contains("new"));
        g.close();
    }

    @Test
    void generatorsLeftOpenAreClosedWhenRunEnds() {
        List<String> log = new ArrayList<>();
        List<AsyncGenerator<Integer>> kept = new ArrayList<>();
        Asyncio.run(() -> {
            AsyncGenerator<Integer> g = counting(10, log);
            kept.add(g);
            assertEquals(0, g.next());
        }, RunOptions.defaults().withLoop(LoopKind.VIRTUAL).withSigintHandling(false));
        assertEquals(List.of("finally"), log);
        assertTrue(kept.get(0).isDone());
    }

    @LoopTest
    void openGeneratorsAreListedUntilTheyEnd(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = counting(2, new ArrayList<>());
            assertTrue(TaskRegistry.of(getRunningLoop()).openGenerators().isEmpty());
            g.next();
            assertEquals(java.util.Set.of(g), TaskRegistry.of(getRunningLoop()).openGenerators());
            g.close();
            assertTrue(TaskRegistry.of(getRunningLoop()).openGenerators().isEmpty());
        });
    }

    @LoopTest
    void mapFilterAndTakeComposeLazily(LoopHarness h) {
        List<String> log = new ArrayList<>();
        List<String> r = h.run(() -> {
            List<String> out = new ArrayList<>();
            try (AsyncGenerator<Integer> g = counting(100, log)) {
                Iterable<String> shaped = AsyncIterables.take(
                        AsyncIterables.map(AsyncIterables.filter(g, v -> v % 2 == 0), v -> {
                            sleep(MS);
                            return "v" + v;
                        }), 3);
                for (String s : shaped) {
                    out.add(s);
                }
                assertFalse(g.isDone(), "take stopped pulling after three values");
            }
            return out;
        });
        assertEquals(List.of("v0", "v2", "v4"), r);
        assertEquals(List.of("finally"), log);
    }

    @Test
    void takeRejectsANegativeCount() {
        assertThrows(IllegalArgumentException.class, () -> AsyncIterables.take(List.of(1), -1));
    }

    @Test
    void helpersWorkOverPlainIterablesToo() {
        List<Integer> r = new ArrayList<>();
        AsyncIterables.take(AsyncIterables.filter(List.of(1, 2, 3, 4, 5), v -> v > 1), 2).forEach(r::add);
        assertEquals(List.of(2, 3), r);
        assertThrows(NoSuchElementException.class, () -> AsyncIterables.take(List.of(1), 0).iterator().next());
        assertThrows(NoSuchElementException.class, () -> AsyncIterables.filter(List.of(1), v -> false).iterator().next());
    }
}
