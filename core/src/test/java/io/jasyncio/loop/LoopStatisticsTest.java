package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.time.Duration;

/**
 * {@link CallbackLoop#statistics()} (issue 8): what the loop holds, readable without casting to
 * the scheduler's class, as trio's {@code current_statistics()}.
 */
class LoopStatisticsTest {

    @LoopTest
    void aFreshLoopHoldsNothing(LoopHarness h) {
        assertEquals(new LoopStatistics(0, 0, 0), h.loop().statistics());
    }

    @LoopTest
    void readyCallbacksCountUntilTheyRun(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.callSoon(() -> { });
        Handle cancelled = loop.callSoon(() -> { });
        cancelled.cancel();
        assertEquals(2, loop.statistics().readyCallbacks(), "a cancelled handle counts until its turn is skipped");
        h.drain(5);
        assertEquals(0, loop.statistics().readyCallbacks());
    }

    @LoopTest
    void callbacksFromOtherThreadsCountBeforeTheLoopDrainsThem(LoopHarness h) throws InterruptedException {
        Thread t = Thread.ofVirtual().start(() -> h.loop().callSoonThreadsafe(() -> { }));
        t.join();
        assertEquals(1, h.loop().statistics().readyCallbacks());
        h.drain(5);
        assertEquals(0, h.loop().statistics().readyCallbacks());
    }

    @LoopTest
    void liveTimersLeaveTheCountWhenCancelled(LoopHarness h) {
        TimerHandle a = h.loop().callLater(Duration.ofHours(1), () -> { });
        TimerHandle b = h.loop().callLater(Duration.ofHours(2), () -> { });
        assertEquals(2, h.loop().statistics().liveTimers());
        a.cancel();
        assertEquals(1, h.loop().statistics().liveTimers());
        b.cancel();
        assertEquals(0, h.loop().statistics().liveTimers());
    }

    @LoopTest
    void ioRegistrationsCountChannelsWithACallbackAndNoneAfterClose(LoopHarness h) throws IOException {
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
            h.loop().addReader(pipe.source(), () -> { });
            h.loop().addWriter(pipe.sink(), () -> { });
            assertEquals(2, h.loop().statistics().ioRegistrations());
            h.loop().removeWriter(pipe.sink());
            assertEquals(1, h.loop().statistics().ioRegistrations());
            h.loop().close();
            assertEquals(0, h.loop().statistics().ioRegistrations());
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }
}
