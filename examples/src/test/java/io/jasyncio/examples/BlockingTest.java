package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Blocking}: Thread.sleep in tasks serialises them; sleep() lets them overlap. */
class BlockingTest {
    /** Three Thread.sleep(1000) that cannot overlap; the figure is rounded when printed. */
    private static final double BLOCKING_AT_LEAST = 2.95;
    /** Three sleep(1 s) that overlap; timers never fire early. */
    private static final double SUSPENDING_AT_LEAST = 0.95;

    @Test
    void blockingTasksTakeThreeSecondsAndSuspendingOnesOne() throws Exception {
        Console.Output run = Console.run(Blocking::main);
        assertLinesMatch(List.of(
                "3 tasks calling Thread\\.sleep\\(1000\\): \\d+\\.\\d\\d seconds\\.",
                "3 tasks calling sleep\\(1 s\\): \\d+\\.\\d\\d seconds\\.",
                "Lesson: .*"), run.lines());
        double blocking = Console.secondsIn(run.lines().get(0));
        double suspending = Console.secondsIn(run.lines().get(1));
        assertTrue(blocking >= BLOCKING_AT_LEAST, "blocking: " + blocking + " s");
        assertTrue(suspending >= SUSPENDING_AT_LEAST, "suspending: " + suspending + " s");
        // Thread.sleep stops virtual time too, so this one runs on the real clock: no fixed upper
        // bound, only that overlapping naps beat three naps in a row by a wide margin (a stall
        // of two seconds would be needed to break it).
        assertTrue(suspending < blocking - 1.0, "suspending: " + suspending + " s, blocking: " + blocking + " s");
    }
}
