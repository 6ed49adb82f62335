package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link ParkingLot}: FIFO parking, waking one or all, and what a cancelled waiter looks like. */
class ParkingLotTest {

    @LoopTest
    void wakeFirstWakesInArrivalOrder(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<String> order = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                Asyncio.createTask(() -> {
                    lot.enqueue().await();
                    order.add(name);
                    return null;
                });
            }
            Asyncio.sleep(Duration.ZERO);
            assertEquals(3, lot.waiting());
            assertNotNull(lot.wakeFirst());
            assertNotNull(lot.wakeFirst());
            Asyncio.sleep(Duration.ZERO);
            assertEquals(List.of("a", "b"), order);
            assertEquals(1, lot.wakeAll());
            Asyncio.sleep(Duration.ZERO);
            assertEquals(List.of("a", "b", "c"), order);
            assertNull(lot.wakeFirst());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancelledWaiterIsSkippedAndReportsCancelled(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<ParkingLot.Waiter> seen = new ArrayList<>();
            Task<Void> victim = Asyncio.createTask(() -> {
                ParkingLot.Waiter w = lot.enqueue();
                seen.add(w);
                w.await();
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            victim.cancel();
            assertTrue(seen.get(0).cancelled());
            assertFalse(seen.get(0).woken());
            assertEquals(0, lot.waiting());
            assertNull(lot.wakeFirst());
            assertThrows(CancelledError.class, victim::await);
        });
    }

    @LoopTest
    void aWokenWaiterReportsWoken(LoopHarness h) {
        h.run(() -> {
            ParkingLot lot = new ParkingLot(this);
            List<ParkingLot.Waiter> seen = new ArrayList<>();
            Task<Void> t = Asyncio.createTask(() -> {
                ParkingLot.Waiter w = lot.enqueue();
                seen.add(w);
                w.await();
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertSame(t, lot.wakeFirst());
            assertTrue(seen.get(0).woken());
            assertFalse(seen.get(0).cancelled());
            t.await();
        });
    }

    @LoopTest
    void enqueueOutsideATaskNamesTheOwner(LoopHarness h) {
        ParkingLot lot = new ParkingLot("owner");
        IllegalStateException e = assertThrows(IllegalStateException.class, lot::enqueue);
        assertTrue(e.getMessage().contains("String"), e.getMessage());
    }
}
