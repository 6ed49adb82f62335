package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Overload resolution of gather between coroutines with and without a result. */
class GatherOverloadTest {
    static final List<String> OUT = new ArrayList<>();

    static void say(String s) {
        sleep(Duration.ofMillis(1));
        OUT.add(s);
    }

    static String value(String s) {
        sleep(Duration.ofMillis(1));
        return s;
    }

    @LoopTest
    void gatherOfVoidCoroutinesRunsThemAll(LoopHarness h) {
        OUT.clear();
        h.run(() -> gather(() -> say("a"), () -> say("b")));
        assertEquals(List.of("a", "b"), OUT);
    }

    @LoopTest
    void gatherOfValueCoroutinesPicksTheListForm(LoopHarness h) {
        List<String> r = h.run(() -> gather(() -> value("x"), () -> value("y")));
        assertEquals(List.of("x", "y"), r);
    }
}
