package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskGroup} and {@link ExceptionGroup}: the behaviours of CPython's
 * {@code test_taskgroups.py} under asyncio 3.11/3.12 semantics (all tasks end before the group
 * does; the first failure cancels the siblings and the body; failures come back together,
 * cancellations are not failures; a cancellation from outside propagates as itself; groups
 * nest; the group takes back the cancellation it sent its parent).
 */
class TaskGroupTest {
    private static final Duration LONG = Duration.ofHours(1);

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @LoopTest
    void runReturnsOnlyWhenEveryTaskHasFinished(LoopHarness h) {
        long start = h.loop().time();
        List<Task<Integer>> tasks = new ArrayList<>();
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                tasks.add(g.createTask(() -> {
                    sleep(ms(10));
                    return 42;
                }));
                tasks.add(g.createTask(() -> {
                    sleep(ms(20));
                    return 11;
                }));
            });
            assertTrue(tasks.get(0).isDone() && tasks.get(1).isDone());
        });
        assertEquals(42, tasks.get(0).result());
        assertEquals(11, tasks.get(1).result());
        long took = h.loop().time() - start;
        assertTrue(took >= ms(20).toNanos());
        if (h.isVirtualTime()) {
            assertEquals(ms(20).toNanos(), took);
        }
    }

    @LoopTest
    void createTaskTakesACoroutineWithNoResult(LoopHarness h) {
        List<String> log = new ArrayList<>();
        Task<?>[] task = new Task<?>[1];
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                task[0] = g.createTask(() -> {
                    sleep(ms(5));
                    log.add("no result");
                });
            });
        });
        assertEquals(List.of("no result"), log);
        assertNull(task[0].result());
    }

    @LoopTest
    void taskCreatedAfterAnAwaitInTheBodyIsAlsoAwaited(LoopHarness h) {
        List<Task<Integer>> tasks = new ArrayList<>();
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                tasks.add(g.createTask(() -> {
                    sleep(ms(10));
                    return 42;
                }));
                sleep(ms(15));
                tasks.add(g.createTask(() -> {
                    sleep(ms(20));
                    return 11;
                }));
            });
        });
        assertEquals(42, tasks.get(0).result());
        assertEquals(11, tasks.get(1).result());
    }

    @LoopTest
    void cancelledTaskIsNotAFailure(LoopHarness h) {
        List<Task<Integer>> tasks = new ArrayList<>();
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                Task<Integer> slow = g.createTask(() -> {
                    sleep(LONG);
                    return 42;
                });
                tasks.add(slow);
                sleep(ms(5));
                slow.cancel();
                tasks.add(g.createTask(() -> {
                    sleep(ms(10));
                    return 11;
                }));
            });
        });
        assertTrue(tasks.get(0).isCancelled());
        assertEquals(11, tasks.get(1).result());
    }

    @LoopTest
    void firstFailureCancelsTheSiblingsAndTheBody(LoopHarness h) {
        List<String> events = new ArrayList<>();
        List<Task<Integer>> sibling = new ArrayList<>();
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                g.createTask(() -> {
                    sleep(ms(1));
                    throw new ArithmeticException("/ by zero");
                });
                sibling.add(g.createTask(() -> {
                    try {
                        sleep(LONG);
                        return 1;
                    } catch (CancelledError e) {
                        events.add("sibling cancelled");
                        throw e;
                    }
                }));
                try {
                    sleep(LONG);
                } catch (CancelledError e) {
                    events.add("body cancelled");
                    throw e;
                }
            });
            events.add("after the group");
        }));
        // asyncio's order: the group cancels its tasks first, then its parent.
        assertEquals(List.of("sibling cancelled", "body cancelled"), events);
        assertTrue(sibling.get(0).isCancelled());
        assertEquals(1, eg.exceptions().size());
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
    }

    @LoopTest
    void childrenFailingTogetherAreAllCollected(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                for (String name : List.of("a", "b", "c")) {
                    g.createTask(() -> {
                        // Same number of yields each: all three fail in one loop iteration.
                        sleep(Duration.ZERO);
                        throw new IllegalStateException(name);
                    });
                }
            });
        }));
        assertEquals(List.of("a", "b", "c"), eg.exceptions().stream().map(Throwable::getMessage).toList());
    }

    @LoopTest
    void failuresAreCollectedInTheOrderTheyHappened(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                g.createTask(() -> {
                    try {
                        sleep(LONG);
                        return null;
                    } catch (CancelledError e) {
                        throw new IllegalStateException("second, while being cancelled");
                    }
                });
                g.createTask(() -> {
                    sleep(ms(1));
                    throw new IllegalArgumentException("first");
                });
            });
        }));
        assertEquals(List.of("first", "second, while being cancelled"),
                eg.exceptions().stream().map(Throwable::getMessage).toList());
    }

    @LoopTest
    void parentCancelledWhileWaitingForTasksPropagatesCancelledError(LoopHarness h) {
        int[] cancelledChildren = {0};
        h.run(() -> {
            Task<Void> runner = createTask(() -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(() -> {
                            try {
                                return sleepLong();
                            } catch (CancelledError e) {
                                cancelledChildren[0]++;
                                throw e;
                            }
                        });
                    }
                });
            });
            sleep(ms(5));
            assertFalse(runner.isDone());
            runner.cancel("test");
            CancelledError e = assertThrows(CancelledError.class, runner::await);
            assertEquals("test", e.getMessage());
        });
        assertEquals(5, cancelledChildren[0]);
    }

    @LoopTest
    void parentCancelledWhileTheBodyWaitsCancelsBodyAndTasks(LoopHarness h) {
        int[] count = {0};
        h.run(() -> {
            Task<Void> runner = createTask(() -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(() -> {
                            try {
                                return sleepLong();
                            } catch (CancelledError e) {
                                count[0]++;
                                throw e;
                            }
                        });
                    }
                    try {
                        sleep(LONG);
                    } catch (CancelledError e) {
                        count[0] += 10;
                        throw e;
                    }
                });
            });
            sleep(ms(5));
            runner.cancel();
            Throwable e = assertThrows(CancelledError.class, runner::await);
            assertFalse(e instanceof ExceptionGroup);
        });
        assertEquals(15, count[0]);
    }

    @LoopTest
    void bodyExceptionCancelsTheTasksAndJoinsTheGroup(LoopHarness h) {
        List<Task<Integer>> tasks = new ArrayList<>();
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                tasks.add(g.createTask(() -> {
                    sleep(ms(10));
                    return 42;
                }));
                tasks.add(g.createTask(() -> {
                    sleep(ms(20));
                    return 11;
                }));
                sleep(ms(1));
                throw new ArithmeticException("/ by zero");
            });
        }));
        assertEquals(1, eg.exceptions().size());
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
        assertTrue(tasks.get(0).isCancelled());
        assertTrue(tasks.get(1).isCancelled());
    }

    @LoopTest
    void checkedExceptionOfTheBodyJoinsTheGroup(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                g.createTask(TaskGroupTest::sleepLong);
                throw new IOException("disk");
            });
        }));
        assertInstanceOf(IOException.class, eg.exceptions().get(0));
    }

    @LoopTest
    void bodyRaisingWhenCancelledFromOutsideGivesAnExceptionGroup(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> {
            Task<Void> runner = createTask(() -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    try {
                        sleep(LONG);
                    } catch (CancelledError e) {
                        throw new IllegalStateException("raised instead of the cancellation");
                    }
                });
            });
            sleep(ms(5));
            runner.cancel();
            return assertThrows(ExceptionGroup.class, runner::await);
        });
        assertEquals(List.of(IllegalStateException.class), types(eg));
    }

    @LoopTest
    void innerGroupFailurePropagatesAsANestedExceptionGroup(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup outer = new TaskGroup();
            outer.run(() -> {
                outer.createTask(() -> crashAfter(LONG));
                TaskGroup inner = new TaskGroup();
                inner.run(() -> inner.createTask(() -> crashAfter(ms(1))));
            });
        }));
        assertEquals(List.of(ExceptionGroup.class), types(eg));
        ExceptionGroup nested = (ExceptionGroup) eg.exceptions().get(0);
        assertEquals(List.of(IllegalArgumentException.class), types(nested));
        assertTrue(eg.contains(IllegalArgumentException.class));
    }

    @LoopTest
    void outerGroupFailureCancelsTheNestedGroup(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup outer = new TaskGroup();
            outer.run(() -> {
                outer.createTask(() -> crashAfter(ms(1)));
                TaskGroup inner = new TaskGroup();
                inner.run(() -> inner.createTask(() -> crashAfter(LONG)));
            });
        }));
        assertEquals(List.of(IllegalArgumentException.class), types(eg));
    }

    @LoopTest
    void nestedGroupsCancelledFromOutsidePropagateCancelledError(LoopHarness h) {
        h.run(() -> {
            Task<Void> runner = createTask(() -> {
                TaskGroup outer = new TaskGroup();
                outer.run(() -> {
                    outer.createTask(TaskGroupTest::sleepLong);
                    TaskGroup inner = new TaskGroup();
                    inner.run(() -> {
                        inner.createTask(TaskGroupTest::sleepLong);
                        sleep(LONG);
                    });
                });
            });
            sleep(ms(5));
            runner.cancel();
            Throwable e = assertThrows(CancelledError.class, runner::await);
            assertFalse(e instanceof ExceptionGroup);
        });
    }

    @LoopTest
    void createTaskBeforeTheGroupIsEnteredThrows(LoopHarness h) {
        TaskGroup g = new TaskGroup();
        h.run(() -> {
            assertThrows(IllegalStateException.class, () -> g.createTask(() -> 1));
        });
    }

    @LoopTest
    void createTaskAfterTheGroupFinishedThrows(LoopHarness h) {
        TaskGroup g = new TaskGroup();
        h.run(() -> {
            g.run(() -> g.createTask(() -> 1));
            assertThrows(IllegalStateException.class, () -> g.createTask(() -> 2));
        });
    }

    @LoopTest
    void createTaskWhileTheGroupIsShuttingDownThrows(LoopHarness h) {
        List<Throwable> refused = new ArrayList<>();
        h.run(() -> {
            assertThrows(ExceptionGroup.class, () -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    g.createTask(() -> crashAfter(ms(1)));
                    try {
                        sleep(LONG);
                    } catch (CancelledError e) {
                        refused.add(assertThrows(IllegalStateException.class, () -> g.createTask(() -> 1)));
                        throw e;
                    }
                });
            });
        });
        assertEquals(1, refused.size());
    }

    @LoopTest
    void taskMayAddTasksToTheGroupWhileItWaitsAfterTheBody(LoopHarness h) {
        List<Task<Integer>> late = new ArrayList<>();
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> g.createTask(() -> {
                sleep(ms(5));
                late.add(g.createTask(() -> {
                    sleep(ms(5));
                    return 1;
                }));
                late.add(g.createTask(() -> {
                    sleep(ms(10));
                    return 2;
                }));
                return 0;
            }));
            assertTrue(g.tasks().isEmpty());
        });
        assertEquals(List.of(1, 2), late.stream().map(Future::result).toList());
    }

    @LoopTest
    void callReturnsTheValueOfTheBody(LoopHarness h) {
        int r = h.run(() -> {
            TaskGroup g = new TaskGroup();
            return g.call(() -> {
                Task<Integer> a = g.createTask(() -> {
                    sleep(ms(1));
                    return 40;
                });
                return a.await() + 2;
            });
        });
        assertEquals(42, r);
    }

    @LoopTest
    void callThrowsTheGroupInsteadOfReturningWhenATaskFails(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup g = new TaskGroup();
            g.call(() -> {
                g.createTask(() -> crashAfter(ms(1)));
                return "value";
            });
        }));
        assertEquals(List.of(IllegalArgumentException.class), types(eg));
    }

    @LoopTest
    void tasksIsASnapshotOfTheUnfinishedTasks(LoopHarness h) {
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                Task<Integer> quick = g.createTask(() -> 1);
                Task<Integer> slow = g.createTask(() -> {
                    sleep(ms(10));
                    return 2;
                });
                Set<Task<?>> before = g.tasks();
                assertEquals(Set.of(quick, slow), before);
                assertThrows(UnsupportedOperationException.class, () -> before.clear());
                quick.await();
                sleep(Duration.ZERO);
                assertEquals(Set.of(slow), g.tasks());
                assertEquals(Set.of(quick, slow), before, "the earlier snapshot does not change");
            });
            assertTrue(g.tasks().isEmpty());
        });
    }

    @LoopTest
    void createTaskWithANameNamesTheTask(LoopHarness h) {
        String name = h.run(() -> {
            TaskGroup g = new TaskGroup();
            return g.call(() -> g.createTask(() -> 1, "yolo").getName());
        });
        assertEquals("yolo", name);
    }

    @LoopTest
    void groupUsedTwiceThrows(LoopHarness h) {
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> g.createTask(() -> 1));
            assertThrows(IllegalStateException.class, () -> g.run(() -> { }));
        });
    }

    @LoopTest
    void parentCanWaitAgainAfterAGroupThatCancelledIt(LoopHarness h) {
        String r = h.run(() -> {
            try {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    g.createTask(() -> crashAfter(ms(1)));
                    sleep(LONG);
                });
                return "no failure?";
            } catch (ExceptionGroup e) {
                int cancelling = currentTask().cancelling();
                sleep(ms(1));
                return "cancelling=" + cancelling;
            }
        });
        assertEquals("cancelling=0", r);
    }

    @LoopTest
    void taskFailingAfterTheBodyEndedLeavesNoCancellationBehind(LoopHarness h) {
        int cancelling = h.run(() -> {
            try {
                TaskGroup g = new TaskGroup();
                g.run(() -> g.createTask(() -> crashAfter(ms(1))));
            } catch (ExceptionGroup e) {
                // Expected: the group failed.
            }
            sleep(Duration.ZERO);
            return currentTask().cancelling();
        });
        assertEquals(0, cancelling);
    }

    @LoopTest
    void enclosingTimeoutStillExpiresAfterAGroupFailedInItsExit(LoopHarness h) {
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(ms(10), () -> {
                try {
                    TaskGroup g = new TaskGroup();
                    g.run(() -> g.createTask(() -> crashAfter(ms(1))));
                } catch (ExceptionGroup e) {
                    // Expected: the group failed; go on waiting.
                }
                sleep(LONG);
            }));
        });
    }

    @LoopTest
    void groupInsideATimeoutIsCancelledAndTheTimeoutRaised(LoopHarness h) {
        List<Task<Object>> child = new ArrayList<>();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(ms(10), () -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    child.add(g.createTask(TaskGroupTest::sleepLong));
                    sleep(LONG);
                });
            }));
            assertEquals(0, currentTask().cancelling());
        });
        assertTrue(child.get(0).isCancelled());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void exceptionGroupListsFailuresAndAttachesThemAsSuppressed(LoopHarness h) {
        ExceptionGroup eg = h.run(() -> assertThrows(ExceptionGroup.class, () -> {
            TaskGroup outer = new TaskGroup();
            outer.run(() -> {
                outer.createTask(() -> {
                    try {
                        return sleepLong();
                    } catch (CancelledError e) {
                        throw new IllegalStateException("cleanup");
                    }
                });
                TaskGroup inner = new TaskGroup();
                inner.run(() -> inner.createTask(() -> crashAfter(ms(1))));
            });
        }));
        // The body's own exception comes after the tasks' failures, as in asyncio.
        assertEquals(List.of(IllegalStateException.class, ExceptionGroup.class), types(eg));
        assertEquals(eg.exceptions(), Arrays.asList(eg.getSuppressed()));
        assertTrue(eg.contains(IllegalStateException.class));
        assertTrue(eg.contains(IllegalArgumentException.class), "contains looks into nested groups");
        assertFalse(eg.contains(ArithmeticException.class));
        assertThrows(UnsupportedOperationException.class, () -> eg.exceptions().clear());
        assertTrue(eg.getMessage().contains("2 sub-exceptions"), eg.getMessage());
    }

    @Test
    void exceptionGroupNeedsAtLeastOneException() {
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("none", List.of()));
    }

    @Test
    void runOutsideATaskThrows() {
        TaskGroup g = new TaskGroup();
        assertThrows(IllegalStateException.class, () -> g.run(() -> { }));
    }

    @LoopTest
    void toStringDescribesTheGroup(LoopHarness h) {
        TaskGroup g = new TaskGroup();
        String during = h.run(() -> g.call(() -> {
            g.createTask(() -> 1);
            return g.toString();
        }));
        assertTrue(during.contains("tasks=1"), during);
        assertTrue(g.toString().contains("tasks=0"), g.toString());
    }

    private static Object sleepLong() {
        sleep(LONG);
        return null;
    }

    private static Object crashAfter(Duration delay) {
        sleep(delay);
        throw new IllegalArgumentException("crashed after " + delay);
    }

    private static List<Class<?>> types(ExceptionGroup eg) {
        return eg.exceptions().stream().<Class<?>>map(Object::getClass).toList();
    }
}
