package io.jasyncio.testing;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.jasyncio.Future;
import io.jasyncio.LoopKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension behind {@link LoopTest}: runs sample tests (in {@link Samples}) through the
 * JUnit engine and checks which pass, which fail, and why.
 */
class LoopExtensionTest {

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .selectors(selectMethod(Samples.class, method, LoopHarness.class.getName()))
                .execute().testEvents();
    }

    private static List<String> failureMessages(Events events) {
        return events.failed().stream()
                .map(Event::getPayload)
                .map(p -> p.flatMap(x -> x instanceof org.junit.platform.engine.TestExecutionResult r ? r.getThrowable() : Optional.empty()))
                .map(t -> t.map(Throwable::getMessage).orElse(""))
                .toList();
    }

    @Test
    void aCleanTestPassesOnEveryLoopKind() {
        Events events = run("clean");
        assertEquals(2, events.succeeded().count());
        assertEquals(0, events.failed().count());
    }

    @Test
    void aTestThatLeavesATaskRunningFails() {
        Events events = run("leaksTask");
        assertEquals(2, events.failed().count());
        assertTrue(failureMessages(events).stream().allMatch(m -> m.contains("unfinished task")), failureMessages(events).toString());
    }

    @Test
    void aTestThatLeavesATimerScheduledFails() {
        Events events = run("leaksTimer");
        assertEquals(2, events.failed().count());
        assertTrue(failureMessages(events).stream().allMatch(m -> m.contains("timer")), failureMessages(events).toString());
    }

    @Test
    void aTestThatLeavesAnExceptionUnhandledFails() {
        Events events = run("leavesUnretrievedException");
        assertEquals(2, events.failed().count());
        assertTrue(failureMessages(events).stream().allMatch(m -> m.contains("never retrieved")), failureMessages(events).toString());
    }

    @Test
    void takenReportsDoNotFailTheTest() {
        Events events = run("takesItsReport");
        assertEquals(2, events.succeeded().count());
    }

    @Test
    void loopsAttributeRestrictsTheKinds() {
        Events events = run("virtualOnly");
        assertEquals(1, events.succeeded().count());
    }

    private static List<String> skipReasons(Events events) {
        return events.skipped().stream().map(e -> e.getPayload(String.class).orElse("")).toList();
    }

    @Test
    void uringRunsAreSkippedWithTheProvidersReasonWhereItCannotRun() {
        // This module's test resources register UnavailableUringProvider as "uring".
        Events events = run("clean");
        assertEquals(List.of(UnavailableUringProvider.REASON), skipReasons(events));
        assertTrue(events.skipped().stream().allMatch(e -> e.getTestDescriptor().getDisplayName().equals("[uring loop]")));
        assertEquals(2, events.succeeded().count());
    }

    @Test
    void theLoopsPropertyLeavesATestWithNoRunAsOneSkippedRunThatSaysWhy() {
        String saved = System.getProperty("jasyncio.test.loops");
        System.setProperty("jasyncio.test.loops", "selector");
        try {
            Events events = run("virtualOnly");
            assertEquals(0, events.started().count());
            List<String> reasons = skipReasons(events);
            assertEquals(1, reasons.size(), reasons.toString());
            assertTrue(reasons.getFirst().contains("virtual (not in -Djasyncio.test.loops=selector)"), reasons.toString());
            Events both = run("clean");
            assertEquals(1, both.succeeded().count());
            assertTrue(both.started().stream().allMatch(e -> e.getTestDescriptor().getDisplayName().equals("[selector loop]")));
        } finally {
            if (saved == null) {
                System.clearProperty("jasyncio.test.loops");
            } else {
                System.setProperty("jasyncio.test.loops", saved);
            }
        }
    }

    @Test
    void seedsAttributeAddsOneRunPerSeedAndNamesTheSeed() {
        Events events = run("seeded");
        assertEquals(2 * (1 + 4), events.succeeded().count());
        assertTrue(events.started().stream().anyMatch(e -> e.getTestDescriptor().getDisplayName().contains("seed 4")));
    }

    @Test
    void aTestThatLeavesAReaderRegisteredFails() throws Exception {
        try {
            Events events = run("leaksReader");
            assertEquals(2, events.failed().count());
            assertTrue(failureMessages(events).stream().allMatch(m -> m.contains("reader or writer registered")),
                    failureMessages(events).toString());
        } finally {
            Samples.closeLeftovers();
        }
    }

    @Test
    void aReaderOnAChannelTheTestClosedIsNoLeak() {
        Events events = run("closesItsWatchedChannel");
        assertEquals(2, events.succeeded().count(), failureMessages(events).toString());
    }

    @Test
    void aTestThatLeavesAFileDescriptorOpenFailsWhenAskedToCheck() throws Exception {
        try {
            Events events = run("leaksFd");
            assertEquals(2, events.failed().count());
            assertTrue(failureMessages(events).stream().allMatch(m -> m.contains("file descriptor left open")),
                    failureMessages(events).toString());
        } finally {
            Samples.closeLeftovers();
        }
    }

    @Test
    void fileDescriptorSnapshotsSeeAnOpenedPipeAndItsClose() throws Exception {
        FileDescriptors before = FileDescriptors.snapshot();
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        try {
            assertTrue(FileDescriptors.isSupported());
            assertFalse(before.newIn(FileDescriptors.snapshot()).isEmpty());
            assertThrows(AssertionError.class, before::assertNoLeak);
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
        before.assertNoLeak();
    }

    @Test
    void theListingsOwnDescriptorIsNeverANewOne() throws Exception {
        // The file takes the lowest free number, which the first listing's descriptor had, so the
        // second listing's descriptor gets another number: it must not count as new (issue 9).
        FileDescriptors before = FileDescriptors.snapshot();
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("fd", ".txt");
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(tmp)) {
            List<String> added = before.newIn(FileDescriptors.snapshot());
            assertEquals(1, added.size(), added.toString());
            assertTrue(added.getFirst().contains(tmp.getFileName().toString()), added.toString());
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }

    @Test
    void logCaptureSeesWhatTheLoopLogs() {
        var loop = LoopKind.VIRTUAL.create();
        try (LogCapture log = LogCapture.start()) {
            loop.defaultExceptionHandler(io.jasyncio.loop.ExceptionContext.of("something broke", new IllegalStateException("x")));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("something broke") && m.contains("IllegalStateException")),
                    log.messages().toString());
        } finally {
            loop.close();
        }
    }

    /** Sample tests run only through the engine above (the nested class is not run directly). */
    static class Samples {
        /** Channels the leaking samples leave open for the outer test to close. */
        static final List<java.nio.channels.Channel> LEFTOVERS = new java.util.ArrayList<>();

        static void closeLeftovers() throws java.io.IOException {
            for (java.nio.channels.Channel c : LEFTOVERS) {
                c.close();
            }
            LEFTOVERS.clear();
        }

        private static java.nio.channels.Pipe leftoverPipe() throws java.io.IOException {
            java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            LEFTOVERS.add(pipe.source());
            LEFTOVERS.add(pipe.sink());
            pipe.source().configureBlocking(false);
            return pipe;
        }

        @LoopTest
        void leaksReader(LoopHarness h) throws Exception {
            h.loop().addReader(leftoverPipe().source(), () -> { });
        }

        @LoopTest(checkFds = true)
        void closesItsWatchedChannel(LoopHarness h) throws Exception {
            java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            pipe.source().configureBlocking(false);
            h.loop().addReader(pipe.source(), () -> { });
            pipe.source().close();
            pipe.sink().close();
        }

        @LoopTest(checkFds = true)
        void leaksFd(LoopHarness h) throws Exception {
            leftoverPipe();
        }

        @LoopTest
        void clean(LoopHarness h) {
            assertEquals(3, h.run(() -> {
                sleep(Duration.ofMillis(1));
                return 3;
            }));
        }

        @LoopTest
        void leaksTask(LoopHarness h) {
            h.run(() -> {
                createTask(() -> {
                    sleep(Duration.ofSeconds(30));
                    return null;
                });
            });
        }

        @LoopTest
        void leaksTimer(LoopHarness h) {
            h.loop().callLater(Duration.ofSeconds(30), () -> { });
        }

        @LoopTest
        void leavesUnretrievedException(LoopHarness h) {
            Future<String> f = h.loop().createFuture();
            f.setException(new IllegalStateException("nobody looks"));
        }

        @LoopTest
        void takesItsReport(LoopHarness h) {
            h.loop().callSoon(() -> {
                throw new IllegalStateException("expected");
            });
            h.drain(10);
            assertEquals(1, h.takeUnhandled().size());
        }

        @LoopTest(seeds = 4)
        void seeded(LoopHarness h) {
            assertEquals(List.of(1, 2), h.run(() -> gather(() -> 1, () -> 2)));
        }

        @LoopTest(loops = LoopKind.VIRTUAL)
        void virtualOnly(LoopHarness h) {
            assertTrue(h.isVirtualTime());
            assertEquals(LoopKind.VIRTUAL, h.kind());
        }
    }
}
