package io.jasyncio.loop;

import io.jasyncio.VirtualTimeEventLoop;
import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded schedules ({@link CallbackLoop#setScheduleSeed}, issue 3): reproducible, producer-FIFO
 * interleavings of the callbacks ready in one iteration.
 */
class SeededScheduleTest {

    /** Two tasks each append their name three times, yielding between appends. */
    private static List<String> interleaving(Long seed) {
        VirtualTimeEventLoop loop = new VirtualTimeEventLoop();
        if (seed != null) {
            loop.setScheduleSeed(seed);
        }
        List<String> out = new ArrayList<>();
        try {
            loop.runUntilComplete(() -> {
                gather(() -> appendThrice(out, "a"), () -> appendThrice(out, "b"));
                return null;
            });
        } finally {
            loop.close();
        }
        return out;
    }

    private static void appendThrice(List<String> out, String name) {
        for (int i = 0; i < 3; i++) {
            out.add(name + i);
            sleep(Duration.ZERO);
        }
    }

    @Test
    void withoutASeedTheOrderIsAsyncios() {
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), interleaving(null));
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(interleaving(seed), interleaving(seed), "seed " + seed);
        }
    }

    @Test
    void seedsReachOtherInterleavings() {
        Set<List<String>> seen = new HashSet<>();
        for (long seed = 1; seed <= 50; seed++) {
            seen.add(interleaving(seed));
        }
        assertTrue(seen.size() > 2, "only " + seen);
        // a0 and b0 always come in creation order (one producer started both tasks); after that the
        // two tasks are separate producers and either may go first.
        assertTrue(seen.stream().allMatch(o -> o.indexOf("a0") < o.indexOf("b0")), seen.toString());
        assertTrue(seen.stream().anyMatch(o -> o.indexOf("b1") < o.indexOf("a1")), "b never overtook a: " + seen);
    }

    @Test
    void eachTaskKeepsItsOwnOrder() {
        for (long seed = 1; seed <= 50; seed++) {
            List<String> o = interleaving(seed);
            assertTrue(o.indexOf("a0") < o.indexOf("a1") && o.indexOf("a1") < o.indexOf("a2"), o.toString());
            assertTrue(o.indexOf("b0") < o.indexOf("b1") && o.indexOf("b1") < o.indexOf("b2"), o.toString());
        }
    }

    @Test
    void callbacksOfOneProducerNeverOvertakeEachOther() {
        for (long seed = 1; seed <= 50; seed++) {
            VirtualTimeEventLoop loop = new VirtualTimeEventLoop();
            loop.setScheduleSeed(seed);
            List<Integer> out = new ArrayList<>();
            loop.callSoon(() -> {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    loop.callSoon(() -> out.add(n));
                }
            });
            loop.callSoon(() -> loop.callSoon(() -> out.add(100)));
            loop.callSoon(() -> loop.callSoon(() -> loop.callSoon(loop::stop)));
            loop.runForever();
            loop.close();
            assertEquals(List.of(0, 1, 2, 3, 4), out.stream().filter(x -> x < 100).toList(), "seed " + seed);
        }
    }

    @Test
    void timersDueTogetherKeepDeadlineOrder() {
        for (long seed = 1; seed <= 30; seed++) {
            VirtualTimeEventLoop loop = new VirtualTimeEventLoop();
            loop.setScheduleSeed(seed);
            List<Integer> out = new ArrayList<>();
            for (int i = 5; i >= 1; i--) {
                int n = i;
                loop.callAt(n, () -> out.add(n));
            }
            loop.callAt(10, loop::stop);
            // Jump past all of them at once so they are due in one iteration.
            loop.callSoon(() -> { });
            loop.runForever();
            loop.close();
            assertEquals(List.of(1, 2, 3, 4, 5), out, "seed " + seed);
        }
    }

    @Test
    void seedCannotBeSetWhileCallbacksAreReady() {
        VirtualTimeEventLoop loop = new VirtualTimeEventLoop();
        loop.callSoon(() -> { });
        assertThrows(IllegalStateException.class, () -> loop.setScheduleSeed(1));
        loop.close();
    }

    @LoopTest(seeds = 3)
    void harnessRunsEachSeedOnItsOwnLoop(LoopHarness h) {
        // The plain run has no seed; the seeded runs still finish the program the same way.
        assertEquals(List.of("x", "y"), h.run(() -> gather(() -> "x", () -> "y")));
        assertTrue(h.seed() == null || (h.seed() >= 1 && h.seed() <= 3));
    }
}
