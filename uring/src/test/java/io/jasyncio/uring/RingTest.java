package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring layer: SQEs in, CQEs out, tokens dispatched and retired. */
class RingTest {

    @Test
    void aNopCompletesWithItsTokenAndHandsWorkToTheReadyQueue() {
        try (UringBackend backend = new UringBackend(UringOptions.DEFAULT)) {
            List<String> seen = new ArrayList<>();
            long token = backend.register((res, flags) -> {
                seen.add("res=" + res);
                backend.ready(() -> seen.add("ran"));
            });
            backend.ring().sqe(Uring.IORING_OP_NOP, -1, token);
            backend.opStarted();
            assertTrue(backend.hasRegistrations(), "a queued SQE must make the loop poll");
            assertEquals(1, backend.registrationCount());
            List<Runnable> ready = new ArrayList<>();
            backend.poll(-1, ready::add);
            backend.opFinished();
            backend.release(token);
            assertEquals(List.of("res=0"), seen);
            assertEquals(1, ready.size());
            ready.get(0).run();
            assertEquals(List.of("res=0", "ran"), seen);
            assertFalse(backend.hasRegistrations());
        }
    }

    @Test
    void aCqeForAReleasedTokenIsDropped() {
        try (UringBackend backend = new UringBackend(UringOptions.DEFAULT)) {
            List<Integer> seen = new ArrayList<>();
            long old = backend.register((res, flags) -> seen.add(1));
            backend.ring().sqe(Uring.IORING_OP_NOP, -1, old);
            backend.release(old);
            long reused = backend.register((res, flags) -> seen.add(2));
            assertEquals((int) old, (int) reused, "the slot is reused");
            assertNotEquals(old, reused, "with a new generation");
            backend.poll(-1, r -> { });
            assertEquals(List.of(), seen, "the late CQE of the released token must not reach the new owner");
            backend.ring().sqe(Uring.IORING_OP_NOP, -1, reused);
            backend.poll(-1, r -> { });
            assertEquals(List.of(2), seen);
        }
    }

    @Test
    void aFullSubmissionQueueIsSubmittedToMakeRoom() {
        try (UringBackend backend = new UringBackend(new UringOptions(4, false, 0))) {
            int[] done = new int[1];
            long token = backend.register((res, flags) -> done[0]++);
            int n = backend.ring().sqEntries() * 3;
            for (int i = 0; i < n; i++) {
                backend.ring().sqe(Uring.IORING_OP_NOP, -1, token);
            }
            while (done[0] < n) {
                backend.poll(-1, r -> { });
            }
            assertEquals(n, done[0]);
        }
    }

    @Test
    void aTimedPollReturnsAfterItsTimeoutWithNothingReady() {
        try (UringBackend backend = new UringBackend(UringOptions.DEFAULT)) {
            long start = System.nanoTime();
            backend.poll(20_000_000L, r -> fail("nothing is ready"));
            assertTrue(System.nanoTime() - start >= 15_000_000L, "the wait must last about the timeout");
        }
    }
}
