package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncio's {@code context=} keyword (issue 8): {@code create_task}, {@code loop.call_soon} and
 * {@code Future.add_done_callback} run their callable in the context given instead of the one
 * current where they are called.
 */
class ContextArgumentTest {
    private static final ContextVar<String> VAR = new ContextVar<>("var");

    /** A context where {@link #VAR} is {@code value}, made while the current one says otherwise. */
    private static Context contextWith(String value) {
        ContextVar.Token<String> t = VAR.set(value);
        Context c = Context.current();
        VAR.reset(t);
        return c;
    }

    @LoopTest
    void createTaskRunsTheTaskInTheGivenContext(LoopHarness h) {
        String seen = h.run(() -> {
            Context given = contextWith("given");
            VAR.set("caller");
            return getRunningLoop().createTask(() -> VAR.get(), "in-given", given).await();
        });
        assertEquals("given", seen);
    }

    @LoopTest
    void createTaskWithANullContextCopiesTheCurrentOne(LoopHarness h) {
        String seen = h.run(() -> {
            VAR.set("caller");
            return getRunningLoop().createTask(() -> VAR.get(), null, null).await();
        });
        assertEquals("caller", seen);
    }

    @LoopTest
    void whatTheTaskSetsStaysOutOfTheGivenContextAndTheCaller(LoopHarness h) {
        List<String> seen = h.run(() -> {
            Context given = contextWith("given");
            VAR.set("caller");
            Task<String> t = Asyncio.createTask(() -> {
                VAR.set("task");
                sleep(java.time.Duration.ZERO);
                return VAR.get();
            }, null, given);
            String inTask = t.await();
            // Differs from asyncio, where the task's set would show in `given` (contexts are immutable here).
            return List.of(inTask, VAR.get(), given.run(VAR::get), t.getContext().run(VAR::get));
        });
        assertEquals(List.of("task", "caller", "given", "task"), seen);
    }

    @LoopTest
    void facadeCreateTaskTakesNameAndContext(LoopHarness h) {
        List<String> seen = h.run(() -> {
            Task<String> t = Asyncio.createTask(() -> VAR.get("unset"), "named", contextWith("given"));
            return List.of(t.getName(), t.await());
        });
        assertEquals(List.of("named", "given"), seen);
    }

    @LoopTest
    void callSoonRunsTheCallbackInTheGivenContext(LoopHarness h) {
        List<String> seen = new ArrayList<>();
        h.run(() -> {
            Context given = contextWith("given");
            VAR.set("caller");
            getRunningLoop().callSoon(() -> seen.add(VAR.get("unset")), given);
            getRunningLoop().callSoon(() -> seen.add(VAR.get("unset")));
            seen.add("after scheduling: " + VAR.get());
            sleep(java.time.Duration.ZERO);
        });
        assertEquals(List.of("after scheduling: caller", "given", "caller"), seen);
    }

    @LoopTest
    void callSoonFromOutsideARunningLoopTakesAContextToo(LoopHarness h) {
        List<String> seen = new ArrayList<>();
        h.loop().callSoon(() -> seen.add(VAR.get("unset")), contextWith("given"));
        h.drain(10);
        assertEquals(List.of("given"), seen);
        assertEquals("unset", VAR.get("unset"), "the caller's context is unchanged");
    }

    @LoopTest
    void callSoonRejectsANullContext(LoopHarness h) {
        assertThrows(NullPointerException.class, () -> h.loop().callSoon(() -> { }, null));
        assertEquals(0, h.loop().statistics().readyCallbacks());
    }

    @LoopTest
    void addDoneCallbackRunsTheCallbackInTheGivenContext(LoopHarness h) {
        List<String> seen = h.run(() -> {
            List<String> log = new ArrayList<>();
            Future<String> f = getRunningLoop().createFuture();
            VAR.set("caller");
            f.addDoneCallback(x -> log.add("given: " + VAR.get("unset")), contextWith("given"));
            f.addDoneCallback(x -> log.add("plain: " + VAR.get("unset")));
            f.setResult("done");
            sleep(java.time.Duration.ZERO);
            return log;
        });
        assertEquals(List.of("given: given", "plain: caller"), seen);
    }

    @LoopTest
    void addDoneCallbackWithAContextOnADoneFutureSchedulesItAtOnce(LoopHarness h) {
        List<String> seen = h.run(() -> {
            List<String> log = new ArrayList<>();
            Future<String> f = getRunningLoop().createFuture();
            f.setResult("done");
            f.addDoneCallback(x -> log.add(VAR.get("unset")), contextWith("given"));
            sleep(java.time.Duration.ZERO);
            return log;
        });
        assertEquals(List.of("given"), seen);
    }

    @LoopTest
    void addDoneCallbackRejectsANullContext(LoopHarness h) {
        h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            assertThrows(NullPointerException.class, () -> f.addDoneCallback(x -> { }, null));
            f.setResult("done");
        });
    }
}
