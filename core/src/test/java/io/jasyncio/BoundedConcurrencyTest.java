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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * "How many at a time": {@link Asyncio#mapConcurrently}, {@link Asyncio#mapConcurrentlyCollectingErrors}
 * and {@link Asyncio#gather(int, List)}. Results come back in item order, never more than
 * {@code limit} items run at once, the first failure cancels the rest and is thrown as itself (as
 * {@code gather} does, not wrapped in an {@link ExceptionGroup}), and the collecting variant keeps
 * going and puts each failure in its item's place.
 */
class BoundedConcurrencyTest {
    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Counts the items in flight and remembers the most there ever were. */
    private static final class InFlight {
        int now;
        int max;
        final List<String> events = new ArrayList<>();

        <T> T during(int item, Duration d, T result) {
            now++;
            max = Math.max(max, now);
            events.add("start " + item);
            try {
                sleep(d);
            } finally {
                now--;
            }
            events.add("end " + item);
            return result;
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void resultsComeBackInItemOrderWhateverOrderItemsFinish(LoopHarness h) {
        // Later items finish first: the order of the results must still be the items'.
        List<String> r = h.run(() -> mapConcurrently(range(5), 5, i -> {
            sleep(Duration.ofMillis(50 - 10 * i));
            return "r" + i;
        }));
        assertEquals(List.of("r0", "r1", "r2", "r3", "r4"), r);
    }

    @LoopTest(seeds = 20)
    void neverMoreThanLimitItemsRunAtOnce(LoopHarness h) {
        InFlight f = new InFlight();
        List<Integer> r = h.run(() -> mapConcurrently(range(10), 3, i -> f.during(i, Duration.ofMillis(1 + i % 4), i * i)));
        assertEquals(range(10).stream().map(i -> i * i).toList(), r);
        assertEquals(3, f.max);
        assertEquals(0, f.now);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void itemsStartInItemOrderAndTheLimitSetsTheTotalTime(LoopHarness h) {
        InFlight f = new InFlight();
        long start = h.loop().time();
        h.run(() -> mapConcurrently(range(4), 2, i -> f.during(i, Duration.ofMillis(10), i)));
        // A worker takes the next item as soon as its last one ends.
        assertEquals(List.of("start 0", "start 1", "end 0", "start 2", "end 1", "start 3", "end 2", "end 3"), f.events);
        assertEquals(Duration.ofMillis(20).toNanos(), h.loop().time() - start);
    }

    @LoopTest
    void limitOneRunsTheItemsOneAfterAnother(LoopHarness h) {
        InFlight f = new InFlight();
        h.run(() -> mapConcurrently(range(3), 1, i -> f.during(i, Duration.ofMillis(1), i)));
        assertEquals(List.of("start 0", "end 0", "start 1", "end 1", "start 2", "end 2"), f.events);
        assertEquals(1, f.max);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aLimitAboveTheItemCountStartsThemAllAtOnce(LoopHarness h) {
        InFlight f = new InFlight();
        long start = h.loop().time();
        h.run(() -> mapConcurrently(range(3), 100, i -> f.during(i, Duration.ofMillis(10), i)));
        assertEquals(3, f.max);
        assertEquals(Duration.ofMillis(10).toNanos(), h.loop().time() - start);
    }

    @LoopTest
    void aLimitBelowOneIsRejectedBeforeAnythingRuns(LoopHarness h) {
        List<Integer> applied = new ArrayList<>();
        h.run(() -> {
            assertThrows(IllegalArgumentException.class, () -> mapConcurrently(range(3), 0, applied::add));
            assertThrows(IllegalArgumentException.class, () -> mapConcurrentlyCollectingErrors(range(3), -1, applied::add));
            assertThrows(IllegalArgumentException.class, () -> gather(0, List.<Callable<Integer>>of(() -> 1)));
        });
        assertEquals(List.of(), applied);
    }

    @LoopTest
    void emptyInputGivesAnEmptyList(LoopHarness h) {
        List<Object> r = h.run(() -> mapConcurrently(List.of(), 4, i -> {
            throw new AssertionError("applied to nothing");
        }));
        assertEquals(List.of(), r);
    }

    @LoopTest
    void aNullResultIsKeptInItsPlace(LoopHarness h) {
        List<String> r = h.run(() -> mapConcurrently(range(3), 2, i -> i == 1 ? null : "r" + i));
        assertEquals(Arrays.asList("r0", null, "r2"), r);
    }

    @LoopTest
    void theFirstFailureCancelsTheItemsInFlightAndStartsNoMore(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("item 1");
        List<String> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.run(() -> mapConcurrently(range(5), 2, i -> {
            seen.add("start " + i);
            if (i == 1) {
                sleep(Duration.ofMillis(1));
                throw boom;
            }
            try {
                sleep(Duration.ofHours(1));
            } catch (CancelledError c) {
                seen.add("cancelled " + i);
                throw c;
            }
            return i;
        })));
        // Thrown as itself, as gather does: not inside an ExceptionGroup.
        assertSame(boom, e);
        assertEquals(List.of("start 0", "start 1", "cancelled 0"), seen);
    }

    @LoopTest
    void aCheckedFailureIsThrownWrappedInCompletionException(LoopHarness h) {
        IOException io = new IOException("item 0");
        CompletionException e = assertThrows(CompletionException.class, () -> h.run(() -> mapConcurrently(range(2), 2, i -> {
            if (i == 0) {
                throw io;
            }
            sleep(Duration.ofHours(1));
            return i;
        })));
        assertSame(io, e.getCause());
    }

    @LoopTest
    void cancellingTheCallerCancelsTheItemsInFlight(LoopHarness h) {
        List<String> seen = new ArrayList<>();
        h.run(() -> {
            Task<List<Integer>> caller = createTask(() -> mapConcurrently(range(4), 2, i -> {
                try {
                    sleep(Duration.ofHours(1));
                } catch (CancelledError c) {
                    seen.add("cancelled " + i);
                    throw c;
                }
                return i;
            }));
            sleep(Duration.ofMillis(1));
            caller.cancel();
            assertThrows(CancelledError.class, caller::await);
        });
        assertEquals(List.of("cancelled 0", "cancelled 1"), seen);
    }

    @LoopTest
    void anItemEndingWithCancelledErrorIsNotASilentNull(LoopHarness h) {
        List<Integer> applied = new ArrayList<>();
        // The item awaits a task that someone else cancelled; gather would raise CancelledError.
        assertThrows(CancelledError.class, () -> h.run(() -> mapConcurrently(range(3), 1, i -> {
            applied.add(i);
            if (i == 1) {
                Task<Integer> other = createTask(() -> getRunningLoop().<Integer>createFuture().await());
                other.cancel();
                return other.await();
            }
            return i;
        })));
        assertEquals(List.of(0, 1), applied);
    }

    @LoopTest
    void collectingErrorsKeepsGoingAndPutsEachFailureInItsPlace(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("item 1");
        IOException io = new IOException("item 3");
        List<Integer> applied = new ArrayList<>();
        List<Object> r = h.run(() -> mapConcurrentlyCollectingErrors(range(5), 2, i -> {
            applied.add(i);
            sleep(Duration.ofMillis(1));
            if (i == 1) {
                throw boom;
            }
            if (i == 3) {
                throw io;
            }
            return "r" + i;
        }));
        assertEquals(List.of(0, 1, 2, 3, 4), applied);
        // The failures themselves, checked ones not wrapped.
        assertEquals(Arrays.asList("r0", boom, "r2", io, "r4"), r);
        assertSame(boom, r.get(1));
        assertSame(io, r.get(3));
    }

    @LoopTest(seeds = 20)
    void collectingErrorsStillHoldsTheLimit(LoopHarness h) {
        InFlight f = new InFlight();
        List<Object> r = h.run(() -> mapConcurrentlyCollectingErrors(range(6), 2, i -> {
            f.during(i, Duration.ofMillis(1 + i % 3), i);
            if (i % 2 == 0) {
                throw new IllegalArgumentException("even " + i);
            }
            return i;
        }));
        assertEquals(2, f.max);
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) {
                assertInstanceOf(IllegalArgumentException.class, r.get(i));
            } else {
                assertEquals(i, r.get(i));
            }
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void gatherWithALimitRunsAtMostThatManyAndKeepsArgumentOrder(LoopHarness h) {
        InFlight f = new InFlight();
        List<Callable<String>> coros = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            coros.add(() -> f.during(n, Duration.ofMillis(10 - n), "c" + n));
        }
        long start = h.loop().time();
        List<String> r = h.run(() -> gather(2, coros));
        assertEquals(List.of("c0", "c1", "c2", "c3", "c4", "c5"), r);
        assertEquals(2, f.max);
        assertTrue(h.loop().time() - start < Duration.ofMillis(10 + 9 + 8 + 7 + 6 + 5).toNanos(), "ran one at a time");
    }

    @LoopTest
    void gatherWithALimitThrowsTheFirstFailureAndCancelsTheRest(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("second");
        List<String> seen = new ArrayList<>();
        List<Callable<String>> coros = List.of(
                () -> {
                    try {
                        sleep(Duration.ofHours(1));
                    } catch (CancelledError c) {
                        seen.add("first cancelled");
                        throw c;
                    }
                    return "first";
                },
                () -> {
                    throw boom;
                },
                () -> {
                    seen.add("third started");
                    return "third";
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.run(() -> gather(2, coros)));
        assertSame(boom, e);
        assertEquals(List.of("first cancelled"), seen);
    }
}
