package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link ParkingLot#park()}: a wake-up handed to a task cancelled before it ran is passed on (issue 8). */
class ParkingLotPassOnTest {

    /** Starts a task that parks on {@code lot} and records {@code name} once it gets through. */
    private static Task<Void> parker(ParkingLot lot, String name, List<String> through, Runnable handBack) {
        return Asyncio.createTask(() -> {
            if (handBack == null) {
                lot.park();
            } else {
                lot.park(handBack);
            }
            through.add(name);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aWakeUpHandedToATaskCancelledBeforeItRanGoesToTheNext(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> through = new ArrayList<>();
            Task<Void> a = parker(lot, "a", through, null);
            Task<Void> b = parker(lot, "b", through, null);
            Asyncio.sleep(Duration.ZERO);
            assertSame(a, lot.wakeFirst());
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            b.await();
            assertEquals(List.of("b"), through);
            assertEquals(0, lot.linked());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void passOnSkipsWaitersCancelledBeforeTheWakeUp(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> through = new ArrayList<>();
            Task<Void> a = parker(lot, "a", through, null);
            Task<Void> b = parker(lot, "b", through, null);
            Task<Void> c = parker(lot, "c", through, null);
            Asyncio.sleep(Duration.ZERO);
            lot.wakeFirst();
            a.cancel();
            b.cancel();
            c.await();
            assertEquals(List.of("c"), through);
            assertThrows(CancelledError.class, b::await);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void parkWithHandBackRunsItInsteadOfWakingTheNext(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> through = new ArrayList<>();
            int[] handedBack = {0};
            Task<Void> a = parker(lot, "a", through, () -> handedBack[0]++);
            Task<Void> b = parker(lot, "b", through, null);
            Asyncio.sleep(Duration.ZERO);
            lot.wakeFirst();
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            assertEquals(1, handedBack[0]);
            assertEquals(1, lot.waiting(), "b was not woken: the hand-back decides");
            assertTrue(through.isEmpty());
            b.cancel();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTaskCancelledBeforeAnyWakeUpPassesNothingOn(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> through = new ArrayList<>();
            int[] handedBack = {0};
            Task<Void> a = parker(lot, "a", through, () -> handedBack[0]++);
            Task<Void> b = parker(lot, "b", through, null);
            Asyncio.sleep(Duration.ZERO);
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            assertEquals(0, handedBack[0]);
            assertEquals(1, lot.waiting());
            b.cancel();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aBroadcastWakeUpIsNotPassedOnToALaterArrival(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> through = new ArrayList<>();
            Task<Void> a = parker(lot, "a", through, null);
            Asyncio.sleep(Duration.ZERO);
            // late is scheduled before a's wake-up, so it parks before a sees its cancellation.
            Task<Void> late = parker(lot, "late", through, null);
            assertEquals(1, lot.wakeAll());
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            Asyncio.sleep(Duration.ZERO);
            assertEquals(1, lot.waiting(), "the late arrival still waits");
            assertTrue(through.isEmpty());
            late.cancel();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void linkedCountsCancelledWaitersUntilTheyResume(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            Task<Void> a = parker(lot, "a", new ArrayList<>(), null);
            Asyncio.sleep(Duration.ZERO);
            a.cancel();
            assertEquals(0, lot.waiting());
            assertEquals(1, lot.linked());
            assertThrows(CancelledError.class, a::await);
            assertEquals(0, lot.linked());
        });
    }
}
