package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ParkingLot#park()} reuses one waiter per task: a park/wake cycle allocates nothing, and
 * a wake-up meant for one park never reaches the task's next one.
 */
class ParkingLotReuseTest {

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aHandedWakeUpCancelledAwayDoesNotWakeTheNextPark(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> log = new ArrayList<>();
            Task<Void> a = Asyncio.createTask(() -> {
                try {
                    lot.park();
                    log.add("a woken");
                } catch (CancelledError e) {
                    log.add("a cancelled");
                    Asyncio.currentTask().uncancel();
                }
                lot.park();
                log.add("a woken again");
                return null;
            });
            Task<Void> b = Asyncio.createTask(() -> {
                lot.park();
                log.add("b woken");
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertSame(a, lot.wakeFirst());
            a.cancel();
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(Duration.ZERO);
            }
            // a passed the wake-up on to b and parked again: its second park is still waiting.
            assertEquals(List.of("a cancelled", "b woken"), log);
            assertTrue(b.isDone());
            assertFalse(a.isDone());
            assertEquals(1, lot.waiting());
            assertSame(a, lot.wakeFirst());
            a.await();
            assertEquals(List.of("a cancelled", "b woken", "a woken again"), log);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aWakeCallBetweenCancelAndResumeDoesNotReachTheNextPark(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> log = new ArrayList<>();
            Task<Void> a = Asyncio.createTask(() -> {
                try {
                    lot.park();
                } catch (CancelledError e) {
                    log.add("a cancelled");
                    Asyncio.currentTask().uncancel();
                }
                lot.park();
                log.add("a woken");
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            a.cancel();
            // a's node is still linked, cancelled: the wake call skips it and finds nobody.
            assertNull(lot.wakeFirst());
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(Duration.ZERO);
            }
            assertEquals(List.of("a cancelled"), log);
            assertEquals(1, lot.waiting());
            assertSame(a, lot.wakeFirst());
            a.await();
            assertEquals(List.of("a cancelled", "a woken"), log);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTaskParkingOnAnotherLotLeavesTheFirstEmpty(LoopHarness h) {
        h.run(() -> {
            ParkingLot first = new ParkingLot("first");
            ParkingLot second = new ParkingLot("second");
            Task<Void> a = Asyncio.createTask(() -> {
                first.park();
                second.park();
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertSame(a, first.wakeFirst());
            Asyncio.sleep(Duration.ZERO);
            assertEquals(0, first.linked());
            assertEquals(1, second.waiting());
            assertNull(first.wakeFirst());
            assertFalse(a.isDone());
            assertSame(a, second.wakeFirst());
            a.await();
            assertEquals(0, second.linked());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aParkWakeCycleAllocatesNothing(LoopHarness h) {
        h.run(() -> {
            // Two runs of different lengths: what both allocate (tasks, gather) cancels out.
            pingPong(2_000);
            long shortRun = pingPong(1_000);
            long longRun = pingPong(21_000);
            double perCycle = (longRun - shortRun) / 20_000.0;
            // A fresh waiter and future per park cost well over 100 bytes a cycle (two parks).
            assertTrue(perCycle < 16, "bytes per park/wake cycle: " + perCycle);
        });
    }

    /** Bytes the loop thread allocated for {@code n} round trips of two tasks over two lots. */
    private static long pingPong(int n) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ParkingLot toPong = new ParkingLot("pong");
        ParkingLot toPing = new ParkingLot("ping");
        int[] turn = {0};
        long before = bean.getCurrentThreadAllocatedBytes();
        Task<Void> ping = Asyncio.createTask(() -> {
            for (int i = 0; i < n; i++) {
                while (turn[0] != 0) {
                    toPing.park();
                }
                turn[0] = 1;
                toPong.wakeFirst();
            }
            return null;
        });
        Task<Void> pong = Asyncio.createTask(() -> {
            for (int i = 0; i < n; i++) {
                while (turn[0] != 1) {
                    toPong.park();
                }
                turn[0] = 0;
                toPing.wakeFirst();
            }
            return null;
        });
        ping.await();
        pong.await();
        return bean.getCurrentThreadAllocatedBytes() - before;
    }
}
