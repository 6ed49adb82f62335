package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Timeout} and {@link Asyncio#timeout} / {@link Asyncio#timeoutAt}: the behaviours of
 * CPython's {@code test_timeouts.py} under asyncio 3.12 semantics (expiry turns the timeout's own
 * cancellation into {@link AsyncTimeoutException}, anyone else's cancellation passes through,
 * nested timeouts each report only their own expiry, a block that swallows the cancellation
 * returns normally).
 */
class TimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(10);
    private static final Duration LONG = Duration.ofHours(1);

    @LoopTest
    void expiryRaisesAsyncTimeoutExceptionCausedByTheCancellation(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        List<String> seen = new ArrayList<>();
        AsyncTimeoutException e = h.run(() -> assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
            try {
                sleep(LONG);
            } catch (CancelledError c) {
                // The block itself sees a plain cancellation; only the scope converts it.
                seen.add("block cancelled");
                throw c;
            }
        })));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("block cancelled"), seen);
        assertTrue(t.expired());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void hourLongTimeoutExpiresAtExactlyItsDeadlineOnVirtualTime(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofHours(1), () -> sleep(Duration.ofHours(2))));
        });
        assertEquals(Duration.ofHours(1).toNanos(), h.loop().time() - start);
    }

    @LoopTest
    void blockFinishingInTimeReturnsItsResultAndCancelsTheTimer(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofSeconds(10));
        int[] liveTimersAfter = {-1};
        String r = h.run(() -> {
            String v = t.run(() -> {
                sleep(Duration.ofMillis(1));
                return "done";
            });
            liveTimersAfter[0] = getRunningLoop().statistics().liveTimers();
            return v;
        });
        assertEquals("done", r);
        assertFalse(t.expired());
        assertEquals(0, liveTimersAfter[0], "the deadline timer must be cancelled when the block ends");
    }

    @LoopTest
    void deadlineInThePastExpiresAtTheFirstAwait(LoopHarness h) {
        List<String> steps = new ArrayList<>();
        Timeout t = Timeout.at(h.loop().time() - 1);
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
                steps.add("before await");
                sleep(Duration.ZERO);
                steps.add("after await");
            }));
        });
        assertEquals(List.of("before await"), steps);
        assertTrue(t.expired());
    }

    @LoopTest
    void deadlineInThePastDoesNotExpireABlockThatNeverWaits(LoopHarness h) {
        Timeout t = Timeout.at(h.loop().time() - 1);
        String r = h.run(() -> t.run(() -> "no await"));
        assertEquals("no await", r);
        assertFalse(t.expired());
    }

    @LoopTest
    void zeroDelayExpiresOnSleepZero(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ZERO);
        long[] bounds = new long[2];
        h.run(() -> {
            bounds[0] = time();
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> sleep(Duration.ZERO)));
            bounds[1] = time();
        });
        assertTrue(t.expired());
        assertTrue(bounds[0] <= t.when() && t.when() <= bounds[1], "deadline " + t.when() + " outside " + bounds[0] + ".." + bounds[1]);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void negativeDelayCountsAsZero(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofSeconds(-11));
        long[] entered = {0};
        h.run(() -> {
            entered[0] = time();
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> sleep(LONG)));
        });
        assertEquals(entered[0], t.when());
        assertEquals(entered[0], h.loop().time());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void nullDelayNeverExpires(LoopHarness h) {
        long start = h.loop().time();
        String r = h.run(() -> timeout(null, () -> {
            sleep(LONG);
            return "slept";
        }));
        assertEquals("slept", r);
        assertEquals(LONG.toNanos(), h.loop().time() - start);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void delayTooLargeForNanosecondsNeverExpires(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofSeconds(Long.MAX_VALUE));
        long when = h.run(() -> t.run(() -> {
            sleep(LONG);
            return t.when();
        }));
        assertEquals(Long.MAX_VALUE, when);
        assertFalse(t.expired());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void neverTimeoutExpiresOnceGivenADeadline(LoopHarness h) {
        Timeout t = Timeout.never();
        long start = h.loop().time();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
                assertEquals(Long.MAX_VALUE, t.when());
                t.reschedule(time() + SHORT.toNanos());
                sleep(LONG);
            }));
        });
        assertEquals(SHORT.toNanos(), h.loop().time() - start);
    }

    @LoopTest
    void rescheduleLaterWhileRunningExtendsTheDeadline(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofMillis(5));
        String r = h.run(() -> t.run(() -> {
            t.reschedule(t.loop().time() + Duration.ofSeconds(10).toNanos());
            sleep(Duration.ofMillis(20));
            return "finished";
        }));
        assertEquals("finished", r);
        assertFalse(t.expired());
    }

    @LoopTest
    void rescheduleEarlierWhileRunningShortensTheDeadline(LoopHarness h) {
        Timeout t = Timeout.after(LONG);
        long[] newDeadline = {0};
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
                newDeadline[0] = time() + SHORT.toNanos();
                t.reschedule(newDeadline[0]);
                sleep(LONG);
            }));
        });
        assertEquals(newDeadline[0], t.when());
        assertTrue(h.loop().time() >= newDeadline[0]);
        if (h.isVirtualTime()) {
            assertEquals(newDeadline[0], h.loop().time());
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void rescheduleToThePastExpiresInTheNextIteration(LoopHarness h) {
        Timeout t = Timeout.after(LONG);
        long start = h.loop().time();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
                t.reschedule(time() - 1);
                sleep(LONG);
            }));
        });
        assertEquals(start, h.loop().time(), "no time should pass");
    }

    @LoopTest
    void rescheduleToMaxValueDisablesTheDeadline(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofMillis(5));
        String r = h.run(() -> t.run(() -> {
            t.reschedule(Long.MAX_VALUE);
            sleep(Duration.ofMillis(20));
            return "finished";
        }));
        assertEquals("finished", r);
        assertEquals(Long.MAX_VALUE, t.when());
        assertFalse(t.expired());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anotherTaskCanRescheduleARunningTimeout(LoopHarness h) {
        h.run(() -> {
            long deadline1 = time() + Duration.ofSeconds(10).toNanos();
            long deadline2 = deadline1 + Duration.ofSeconds(20).toNanos();
            Timeout t = Timeout.at(deadline1);
            Future<Void> running = getRunningLoop().createFuture();
            Task<Void> holder = createTask(() -> t.run(() -> {
                running.setResult(null);
                sleep(Duration.ofSeconds(50));
            }));
            running.await();
            assertEquals(deadline1, t.when());
            t.reschedule(deadline2);
            assertEquals(deadline2, t.when());
            assertThrows(AsyncTimeoutException.class, holder::await);
            assertEquals(deadline2, time());
            assertTrue(t.expired());
        });
    }

    @LoopTest
    void rescheduleAfterTheBlockEndedThrows(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofSeconds(10));
        h.run(() -> t.run(() -> "done"));
        assertThrows(IllegalStateException.class, () -> t.reschedule(h.loop().time() + 1));
    }

    @LoopTest
    void rescheduleAfterExpiryThrows(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        String r = h.run(() -> t.run(() -> {
            try {
                sleep(LONG);
                return "slept";
            } catch (CancelledError e) {
                assertThrows(IllegalStateException.class, () -> t.reschedule(time() + LONG.toNanos()));
                return "swallowed";
            }
        }));
        assertEquals("swallowed", r);
    }

    @LoopTest
    void rescheduleBeforeTheBlockStartsThrows(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        assertThrows(IllegalStateException.class, () -> t.reschedule(h.loop().time() + 1));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void whenLoopAndExpiredFollowTheLifecycle(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        assertEquals(Long.MAX_VALUE, t.when(), "a relative timeout has no deadline before it starts");
        assertNull(t.loop());
        assertFalse(t.expired());
        long[] seen = new long[2];
        h.run(() -> {
            seen[0] = time();
            assertThrows(AsyncTimeoutException.class, () -> t.run(() -> {
                seen[1] = t.when();
                assertSame(getRunningLoop(), t.loop());
                assertFalse(t.expired());
                sleep(LONG);
            }));
        });
        assertEquals(seen[0] + SHORT.toNanos(), seen[1]);
        assertEquals(seen[1], t.when());
        assertTrue(t.expired());
        assertSame(h.loop(), t.loop());
        assertEquals(12345L, Timeout.at(12345L).when());
    }

    @LoopTest
    void toStringNamesTheState(LoopHarness h) {
        Timeout expiring = Timeout.after(SHORT);
        Timeout finishing = Timeout.after(Duration.ofSeconds(10));
        List<String> seen = new ArrayList<>();
        seen.add(expiring.toString());
        h.run(() -> {
            finishing.run(() -> seen.add(finishing.toString()));
            assertThrows(AsyncTimeoutException.class, () -> expiring.run(() -> sleep(LONG)));
        });
        seen.add(finishing.toString());
        seen.add(expiring.toString());
        // asyncio's names for the states, as its reprs and messages print them.
        List<String> states = List.of("created", "active", "finished", "expired");
        for (int i = 0; i < states.size(); i++) {
            assertTrue(seen.get(i).contains(states.get(i)), seen.get(i) + " should name " + states.get(i));
        }
    }

    @LoopTest
    void runningATimeoutASecondTimeThrows(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        h.run(() -> {
            t.run(() -> sleep(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> t.run(() -> "again"));
        });
    }

    @LoopTest
    void runningATimeoutInsideItsOwnBlockThrows(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofSeconds(10));
        String r = h.run(() -> t.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.run(() -> "nested"));
            return e.getMessage();
        }));
        assertNotNull(r);
        assertFalse(t.expired());
    }

    @LoopTest
    void runningOutsideATaskThrows(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        Throwable e = h.run(() -> {
            Future<Throwable> outcome = getRunningLoop().createFuture();
            getRunningLoop().callSoon(() -> {
                try {
                    t.run(() -> "in a callback");
                    outcome.setResult(null);
                } catch (Throwable x) {
                    outcome.setResult(x);
                }
            });
            return outcome.await();
        });
        assertInstanceOf(IllegalStateException.class, e);
        assertNull(t.loop(), "a failed start leaves the timeout unused");
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void outsideCancellationPassesThroughEvenWhenTheDeadlineAlsoPassed(LoopHarness h) {
        h.run(() -> {
            long deadline = time() + SHORT.toNanos();
            Timeout t = Timeout.at(deadline);
            AtomicReference<Task<Void>> victim = new AtomicReference<>();
            // Scheduled before the victim starts, so at the deadline it runs just before the timeout fires.
            getRunningLoop().callAt(deadline, () -> victim.get().cancel("from outside"));
            victim.set(createTask(() -> t.run(() -> sleep(LONG))));
            Throwable e = assertThrows(CancelledError.class, victim.get()::await);
            assertFalse(e instanceof AsyncTimeoutException);
            assertTrue(victim.get().isCancelled());
            assertTrue(t.expired(), "the deadline did pass");
        });
    }

    @LoopTest
    void outsideCancellationBeforeTheDeadlineIsNotConverted(LoopHarness h) {
        Timeout t = Timeout.after(Duration.ofSeconds(10));
        h.run(() -> {
            Task<Void> victim = createTask(() -> t.run(() -> {
                currentTask().cancel();
                sleep(LONG);
            }));
            assertThrows(CancelledError.class, victim::await);
        });
        assertFalse(t.expired());
    }

    @LoopTest
    void innerExpiryIsHandledInTheInnerScopeOnly(LoopHarness h) {
        Timeout outer = Timeout.after(LONG);
        Timeout inner = Timeout.after(SHORT);
        String r = h.run(() -> outer.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> inner.run(() -> sleep(LONG)));
            assertEquals(0, currentTask().cancelling(), "the inner timeout takes back its cancellation");
            sleep(Duration.ofMillis(1));
            return "outer went on";
        }));
        assertEquals("outer went on", r);
        assertTrue(inner.expired());
        assertFalse(outer.expired());
    }

    @LoopTest
    void outerExpiryWhileTheInnerIsActiveIsReportedByTheOuter(LoopHarness h) {
        Timeout outer = Timeout.after(SHORT);
        Timeout inner = Timeout.after(LONG);
        List<String> seen = new ArrayList<>();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> outer.run(() -> {
                try {
                    inner.run(() -> sleep(LONG));
                } catch (AsyncTimeoutException e) {
                    seen.add("inner converted it");
                    throw e;
                } catch (CancelledError e) {
                    seen.add("inner let it through");
                    throw e;
                }
            }));
        });
        assertEquals(List.of("inner let it through"), seen);
        assertTrue(outer.expired());
        assertFalse(inner.expired());
    }

    @LoopTest
    void timeoutsExpiringTogetherAreReportedByTheOuterOnly(LoopHarness h) {
        List<String> seen = new ArrayList<>();
        Timeout[] cms = new Timeout[2];
        h.run(() -> {
            long deadline = time() + SHORT.toNanos();
            cms[0] = Timeout.at(deadline);
            cms[1] = Timeout.at(deadline);
            assertThrows(AsyncTimeoutException.class, () -> cms[0].run(() -> {
                try {
                    cms[1].run(() -> sleep(LONG));
                } catch (CancelledError e) {
                    seen.add("inner let it through");
                    throw e;
                }
            }));
        });
        assertEquals(List.of("inner let it through"), seen);
        assertTrue(cms[0].expired());
        assertTrue(cms[1].expired());
    }

    @LoopTest
    void blockThatSwallowsTheCancellationReturnsNormally(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        String r = h.run(() -> {
            String v = t.run(() -> {
                try {
                    sleep(LONG);
                    return "slept";
                } catch (CancelledError e) {
                    return "swallowed";
                }
            });
            // The task is not left cancelled: it can wait again.
            sleep(Duration.ofMillis(1));
            return v + ", cancelling=" + currentTask().cancelling();
        });
        assertEquals("swallowed, cancelling=0", r);
        assertTrue(t.expired());
    }

    @LoopTest
    void checkedExceptionFromTheBlockPropagatesWithItsType(LoopHarness h) {
        IOException e = h.run(() -> {
            try {
                timeout(Duration.ofSeconds(10), () -> {
                    sleep(Duration.ofMillis(1));
                    throw new IOException("disk");
                });
                return null;
            } catch (IOException x) {
                // This catch compiles only because timeout() declares the block's IOException.
                return x;
            }
        });
        assertNotNull(e);
        assertEquals("disk", e.getMessage());
    }

    @LoopTest
    void exceptionRaisedWhileHandlingTheTimeoutPropagatesUnchanged(LoopHarness h) {
        Timeout t = Timeout.after(SHORT);
        IllegalStateException e = h.run(() -> assertThrows(IllegalStateException.class, () -> t.run(() -> {
            try {
                sleep(LONG);
            } catch (CancelledError c) {
                throw new IllegalStateException("cleanup failed", c);
            }
        })));
        assertEquals("cleanup failed", e.getMessage());
        assertTrue(t.expired());
    }

    @LoopTest
    void timeoutStillExpiresAfterAnEarlierCancellationWasCaught(LoopHarness h) {
        h.run(() -> {
            try {
                currentTask().cancel();
                sleep(LONG);
            } catch (CancelledError e) {
                // Caught without uncancel(): one request stays pending.
            }
            assertEquals(1, currentTask().cancelling());
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ZERO, () -> sleep(LONG)));
            assertEquals(1, currentTask().cancelling());
        });
    }

    @LoopTest
    void nestedTimeoutInTheFinallyOfAnExpiredOneExpiresOnItsOwn(LoopHarness h) {
        AtomicReference<Throwable> inner = new AtomicReference<>();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(SHORT, () -> {
                try {
                    sleep(LONG);
                } finally {
                    inner.set(assertThrows(AsyncTimeoutException.class, () -> timeout(SHORT, () -> sleep(LONG))));
                }
            }));
        });
        assertInstanceOf(AsyncTimeoutException.class, inner.get());
    }

    @LoopTest
    void taskThatHandledItsTimeoutIsNotCancelled(LoopHarness h) {
        h.run(() -> {
            Task<String> task = createTask(() -> {
                try {
                    timeout(SHORT, () -> sleep(LONG));
                    return "not expired";
                } catch (AsyncTimeoutException e) {
                    return "handled";
                }
            });
            assertEquals("handled", task.await());
            assertFalse(task.isCancelled());
            assertEquals(0, task.cancelling());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void timeoutAtExpiresAtTheGivenLoopTime(LoopHarness h) {
        long deadline = h.loop().time() + Duration.ofMinutes(3).toNanos();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeoutAt(deadline, () -> sleep(LONG)));
        });
        assertEquals(deadline, h.loop().time());
    }

    @LoopTest
    void timeoutAtReturnsTheResultOfABlockThatEndsBeforeTheDeadline(LoopHarness h) {
        String r = h.run(() -> timeoutAt(time() + Duration.ofSeconds(10).toNanos(), () -> {
            sleep(Duration.ofMillis(1));
            return "in time";
        }));
        assertEquals("in time", r);
    }

    @LoopTest
    void voidBlockRunsUnderTheDeadline(LoopHarness h) {
        List<String> ran = new ArrayList<>();
        Timeout t = Timeout.after(Duration.ofSeconds(10));
        h.run(() -> {
            t.run(() -> {
                sleep(Duration.ofMillis(1));
                ran.add("void block");
            });
            timeout(Duration.ofSeconds(10), () -> {
                sleep(Duration.ofMillis(1));
                ran.add("void timeout");
            });
        });
        assertEquals(List.of("void block", "void timeout"), ran);
        assertFalse(t.expired());
    }
}
