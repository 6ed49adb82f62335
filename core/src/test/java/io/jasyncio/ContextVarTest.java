package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.Handle;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link ContextVar}, {@link ContextVar.Token} and {@link Context}: the behaviours of CPython's
 * {@code test_context.py} that apply (get with and without a default, set and reset with a token,
 * a token used twice or on another variable, {@code Context.run}), and of asyncio's task context
 * ({@code test_tasks.py}, {@code test_threads.py}): a task copies its creator's context, callbacks
 * run in the context they were scheduled in, {@code toThread} carries it to the worker.
 *
 * <p>Tests that touch the context of the test thread itself reset what they set, so they leave
 * nothing behind for the next test on that thread.
 */
class ContextVarTest {
    /** Bounds a wait on another thread; only a broken bridge ever reaches it. */
    private static final long BOUND_SECONDS = 10;

    // ---- get, set, reset (CPython test_context.py) ----

    @Test
    void getWithoutValueOrDefaultThrowsNoSuchElement() {
        ContextVar<String> v = new ContextVar<>("v");
        NoSuchElementException e = assertThrows(NoSuchElementException.class, v::get);
        assertTrue(e.getMessage().contains("'v'"), e.getMessage());
    }

    @Test
    void getReturnsTheDefaultUntilSet() {
        ContextVar<String> v = new ContextVar<>("v", "default");
        assertEquals("default", v.get());
        ContextVar.Token<String> t = v.set("value");
        try {
            assertEquals("value", v.get());
        } finally {
            v.reset(t);
        }
        assertEquals("default", v.get());
    }

    @Test
    void getWithFallbackIgnoresTheDefaultButNotASetValue() {
        ContextVar<String> v = new ContextVar<>("v", "default");
        assertEquals("fallback", v.get("fallback"));
        assertNull(v.get(null));
        ContextVar.Token<String> t = v.set("value");
        try {
            assertEquals("value", v.get("fallback"));
        } finally {
            v.reset(t);
        }
    }

    @Test
    void aNullNameIsRejectedAndTheNameIsKept() {
        assertThrows(NullPointerException.class, () -> new ContextVar<String>(null));
        ContextVar<Integer> v = new ContextVar<>("request_id", 0);
        assertEquals("request_id", v.name());
        assertTrue(v.toString().contains("request_id"), v.toString());
    }

    @LoopTest
    void resetRestoresTheValueBeforeEachSetInTurn(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        h.run(() -> {
            ContextVar.Token<String> first = v.set("a");
            ContextVar.Token<String> second = v.set("b");
            assertEquals("b", v.get());
            v.reset(second);
            assertEquals("a", v.get());
            v.reset(first);
            // Reset to "no value", not to null: get() fails again as before the first set.
            assertThrows(NoSuchElementException.class, v::get);
            assertFalse(Context.current().contains(v));
        });
    }

    @LoopTest
    void aTokenCanBeUsedOnlyOnce(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        h.run(() -> {
            ContextVar.Token<String> t = v.set("a");
            v.reset(t);
            assertThrows(IllegalStateException.class, () -> v.reset(t));
            assertFalse(Context.current().contains(v));
        });
    }

    @LoopTest
    void aTokenOfAnotherVariableIsRejectedAndChangesNothing(LoopHarness h) {
        ContextVar<String> a = new ContextVar<>("a");
        ContextVar<String> b = new ContextVar<>("b");
        h.run(() -> {
            ContextVar.Token<String> ta = a.set("x");
            b.set("y");
            assertThrows(IllegalArgumentException.class, () -> b.reset(ta));
            assertEquals("x", a.get());
            assertEquals("y", b.get());
            // The rejected reset did not use the token up.
            a.reset(ta);
            assertFalse(Context.current().contains(a));
        });
    }

    @LoopTest
    void aTokenKnowsItsVariableAndWhetherItHadAValue(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v", "default");
        h.run(() -> {
            ContextVar.Token<String> first = v.set("a");
            ContextVar.Token<String> second = v.set("b");
            assertSame(v, first.var());
            // A default is not a value: the first set had nothing to restore.
            assertFalse(first.hadValue());
            assertTrue(second.hadValue());
        });
    }

    // ---- Context ----

    @Test
    void theEmptyContextHoldsNothing() {
        ContextVar<String> v = new ContextVar<>("v");
        assertEquals(0, Context.EMPTY.size());
        assertFalse(Context.EMPTY.contains(v));
    }

    @Test
    void aCapturedContextDoesNotSeeLaterSets() {
        ContextVar<String> v = new ContextVar<>("v");
        ContextVar.Token<String> t1 = v.set("before");
        Context captured = Context.current();
        ContextVar.Token<String> t2 = v.set("after");
        try {
            assertEquals("after", v.get());
            assertEquals("before", assertDoesNotThrow(() -> captured.run(v::get)));
        } finally {
            v.reset(t2);
            v.reset(t1);
        }
    }

    @Test
    void contextRunMakesItCurrentThenRestoresThePreviousOne() throws Exception {
        ContextVar<String> v = new ContextVar<>("v");
        ContextVar.Token<String> t = v.set("inside");
        Context ctx = Context.current();
        v.reset(t);
        assertSame(ctx, ctx.run(Context::current));
        assertEquals("inside", ctx.run(v::get));
        assertNull(v.get(null), "run() left its context current");
    }

    @Test
    void setsInsideContextRunStayInsideIt() throws Exception {
        ContextVar<String> v = new ContextVar<>("v");
        Context ctx = Context.EMPTY;
        assertEquals("set inside", ctx.run(() -> {
            v.set("set inside");
            return v.get();
        }));
        assertNull(v.get(null));
        // Contexts are immutable here (unlike Python): the set made a new one, ctx is unchanged.
        assertFalse(ctx.contains(v));
    }

    @Test
    void contextRunRestoresThePreviousContextWhenWorkThrows() {
        ContextVar<String> v = new ContextVar<>("v");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Context.EMPTY.run(() -> {
            v.set("set before throwing");
            throw boom;
        }));
        assertSame(boom, e);
        assertNull(v.get(null));
    }

    @Test
    void offTheLoopEachThreadHasItsOwnContext() throws Exception {
        ContextVar<String> v = new ContextVar<>("v");
        ContextVar.Token<String> t = v.set("test thread");
        try {
            AtomicReference<String> seen = new AtomicReference<>("not run");
            Thread other = Thread.ofPlatform().start(() -> seen.set(v.get("unset")));
            other.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
            assertEquals("unset", seen.get());
            assertEquals("test thread", v.get());
        } finally {
            v.reset(t);
        }
    }

    // ---- tasks ----

    @LoopTest
    void aTaskSeesItsCreatorsValuesButNotLaterSets(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String seen = h.run(() -> {
            v.set("at creation");
            Task<String> child = createTask(() -> v.get());
            // The child has not run yet: this set comes after the copy and must not reach it.
            v.set("after creation");
            return child.await();
        });
        assertEquals("at creation", seen);
    }

    @LoopTest
    void setsInAChildTaskAreNotSeenByItsParent(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String parentSees = h.run(() -> {
            v.set("parent");
            createTask(() -> {
                v.set("child");
                return v.get();
            }).await();
            return v.get();
        });
        assertEquals("parent", parentSees);
    }

    @LoopTest(seeds = 20)
    void concurrentTasksKeepTheirOwnValuesAcrossSuspensions(LoopHarness h) {
        ContextVar<Integer> v = new ContextVar<>("v");
        List<Integer> seen = h.run(() -> gather(
                () -> setSleepGet(v, 1, 20),
                () -> setSleepGet(v, 2, 10),
                () -> setSleepGet(v, 3, 0)));
        assertEquals(List.of(1, 2, 3), seen);
    }

    private static int setSleepGet(ContextVar<Integer> v, int value, long millis) {
        v.set(value);
        sleep(Duration.ofMillis(millis));
        return v.get();
    }

    @LoopTest
    void aTaskCreatedFromOutsideTheLoopCopiesTheCallingThreadsContext(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        ContextVar.Token<String> t = v.set("test thread");
        try {
            assertEquals("test thread", h.run(() -> v.get()));
        } finally {
            v.reset(t);
        }
    }

    @LoopTest
    void getContextHoldsTheCreatorsValuesPlusTheTasksOwnSets(LoopHarness h) throws Exception {
        ContextVar<String> inherited = new ContextVar<>("inherited");
        ContextVar<String> own = new ContextVar<>("own");
        Task<?> child = h.run(() -> {
            inherited.set("from parent");
            Task<Void> t = createTask(() -> {
                own.set("from child");
            });
            assertTrue(t.getContext().contains(inherited));
            assertFalse(t.getContext().contains(own));
            t.await();
            return t;
        });
        Context ctx = child.getContext();
        assertEquals(2, ctx.size());
        assertEquals("from child", ctx.run(own::get));
        assertEquals("from parent", ctx.run(inherited::get));
    }

    @LoopTest
    void getContextOfTheRunningTaskIncludesWhatItJustSet(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        boolean seen = h.run(() -> {
            v.set("not yet yielded");
            return currentTask().getContext().contains(v);
        });
        assertTrue(seen);
    }

    @LoopTest
    void resetWithATokenMadeInAnotherTasksContextIsRejected(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        h.run(() -> {
            ContextVar.Token<String> fromChild = createTask(() -> v.set("child")).await();
            v.set("parent");
            assertThrows(IllegalArgumentException.class, () -> v.reset(fromChild));
            assertEquals("parent", v.get());
        });
    }

    // ---- callbacks ----

    @LoopTest
    void callSoonRunsTheCallbackInTheContextCurrentWhenScheduled(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String seen = h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            v.set("when scheduled");
            getRunningLoop().callSoon(() -> f.setResult(v.get("unset")));
            v.set("changed afterwards");
            return f.await();
        });
        assertEquals("when scheduled", seen);
    }

    @LoopTest
    void callLaterRunsTheCallbackInTheContextCurrentWhenScheduled(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String seen = h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            v.set("when scheduled");
            getRunningLoop().callLater(Duration.ofMillis(5), () -> f.setResult(v.get("unset")));
            v.set("changed afterwards");
            return f.await();
        });
        assertEquals("when scheduled", seen);
    }

    @LoopTest
    void aHandleCarriesTheContextCurrentWhenItWasScheduled(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        h.run(() -> {
            v.set("x");
            Context now = Context.current();
            Handle soon = getRunningLoop().callSoon(() -> { });
            TimerHandle later = getRunningLoop().callLater(Duration.ofMillis(1), () -> { });
            assertSame(now, soon.context());
            assertSame(now, later.context());
            sleep(Duration.ofMillis(2));
        });
    }

    @LoopTest
    void setsInACallbackDoNotLeakIntoTheTaskOrTheNextCallback(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        List<String> seen = new ArrayList<>();
        h.run(() -> {
            v.set("task");
            getRunningLoop().callSoon(() -> v.set("callback"));
            getRunningLoop().callSoon(() -> seen.add(v.get("unset")));
            sleep(Duration.ZERO);
            seen.add(v.get());
        });
        assertEquals(List.of("task", "task"), seen);
    }

    @LoopTest
    void callSoonThreadsafeFromAnotherThreadRunsInThatThreadsContext(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        AtomicReference<String> seen = new AtomicReference<>("not run");
        ContextVar.Token<String> t = v.set("poster");
        try {
            h.loop().callSoonThreadsafe(() -> seen.set(v.get("unset")));
        } finally {
            v.reset(t);
        }
        // The task sets its own value: the posted callback must still see the poster's.
        h.run(() -> {
            v.set("task");
            sleep(Duration.ZERO);
        });
        assertEquals("poster", seen.get());
    }

    @LoopTest
    void aDoneCallbackRunsInTheContextCurrentWhenItWasAdded(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String seen = h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            Future<String> seenByCallback = getRunningLoop().createFuture();
            createTask(() -> {
                v.set("adder");
                f.addDoneCallback(done -> seenByCallback.setResult(v.get("unset")));
            }).await();
            createTask(() -> {
                v.set("completer");
                f.setResult("done");
            }).await();
            return seenByCallback.await();
        });
        assertEquals("adder", seen);
    }

    // ---- threads ----

    @LoopTest
    void toThreadCarriesTheContextToTheWorker(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String seen = h.run(() -> {
            v.set("parrot");
            return toThread(v::get);
        });
        assertEquals("parrot", seen);
    }

    @LoopTest
    void setsInTheWorkerAreNotSeenByTheCaller(LoopHarness h) {
        ContextVar<String> v = new ContextVar<>("v");
        String seen = h.run(() -> {
            v.set("caller");
            toThread(() -> v.set("worker"));
            return v.get();
        });
        assertEquals("caller", seen);
    }

    @LoopTest
    void runInExecutorRestoresThePoolThreadsContextAfterTheWork(LoopHarness h) throws Exception {
        ContextVar<String> v = new ContextVar<>("v");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            String inWork = h.run(() -> {
                v.set("task");
                return runInExecutor(pool, v::get).await();
            });
            assertEquals("task", inWork);
            // Same pool thread, no task around it: the task's value must not stick to the thread.
            assertEquals("unset", pool.submit(() -> v.get("unset")).get(BOUND_SECONDS, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
