package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link SelectorBackend} on its own: polling without registrations and the wake-up contract. */
class SelectorBackendTest {
    /** Generous: only stops a broken wake-up from hanging the build. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void newBackendHasNoRegistrationsAndPollsWithoutWaitingForZero() {
        try (SelectorBackend backend = new SelectorBackend()) {
            assertFalse(backend.hasRegistrations());
            assertTimeoutPreemptively(BOUND, () -> {
                backend.poll(0, r -> fail("nothing is registered"));
                backend.poll(Duration.ofMillis(1).toNanos(), r -> fail("nothing is registered"));
            });
        }
    }

    @Test
    void wakeupBeforeAnUnlimitedPollMakesItReturnAtOnce() {
        try (SelectorBackend backend = new SelectorBackend()) {
            backend.wakeup();
            assertTimeoutPreemptively(BOUND, () -> backend.poll(-1, r -> { }));
        }
    }

    @Test
    void wakeupFromAnotherThreadEndsAnUnlimitedPoll() throws InterruptedException {
        try (SelectorBackend backend = new SelectorBackend()) {
            Thread poller = Thread.ofPlatform().start(() -> backend.poll(-1, r -> { }));
            // Whether the wake-up lands before or during the poll, the poll must end.
            backend.wakeup();
            poller.join(BOUND.toMillis());
            boolean stuck = poller.isAlive();
            if (stuck) {
                poller.interrupt();
                poller.join(BOUND.toMillis());
            }
            assertFalse(stuck, "poll(-1) ignored wakeup()");
        }
    }
}
