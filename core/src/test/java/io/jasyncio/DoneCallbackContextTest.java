package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Done callbacks run in the context current when they were added, as asyncio's do (issue 3). */
class DoneCallbackContextTest {
    private static final ContextVar<String> WHO = new ContextVar<>("who", "nobody");

    @LoopTest
    void aDoneCallbackRunsInTheContextItWasAddedIn(LoopHarness h) {
        List<String> seen = new ArrayList<>();
        h.run(() -> {
            Future<String> f = h.loop().createFuture();
            WHO.set("adder");
            f.addDoneCallback(x -> seen.add(WHO.get()));
            Task<Void> completer = Asyncio.createTask(() -> {
                WHO.set("completer");
                f.setResult("done");
            });
            completer.await();
            f.await();
            Asyncio.sleep(java.time.Duration.ZERO);
        });
        assertEquals(List.of("adder"), seen);
    }

    @LoopTest
    void aCallbackAddedInAContextCanStillBeRemoved(LoopHarness h) {
        List<String> seen = new ArrayList<>();
        h.run(() -> {
            Future<String> f = h.loop().createFuture();
            WHO.set("someone");
            Consumer<Future<String>> cb = x -> seen.add("called");
            f.addDoneCallback(cb);
            f.addDoneCallback(cb);
            assertEquals(2, f.removeDoneCallback(cb));
            f.setResult("x");
            Asyncio.sleep(java.time.Duration.ZERO);
        });
        assertEquals(List.of(), seen);
    }
}
