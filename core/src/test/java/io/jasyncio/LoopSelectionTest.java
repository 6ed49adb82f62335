package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jasyncio.testing.LogCapture;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Choosing a loop: {@link LoopKind#URING} and {@link LoopKind#AUTO} through an
 * {@link EventLoopProvider}, with providers of the test's own (available, unavailable, failing at
 * create) and with none, which is the real state of core's class path.
 */
class LoopSelectionTest {
    private static final String KERNEL = "io_uring is unavailable: kernel.io_uring_disabled is 2 (test provider)";

    /** A provider named uring whose loops are virtual-time loops, so that a test can tell them apart. */
    private static final class FakeProvider implements EventLoopProvider {
        final String reason;
        final boolean failCreate;
        final AtomicInteger created = new AtomicInteger();

        FakeProvider(String reason, boolean failCreate) {
            this.reason = reason;
            this.failCreate = failCreate;
        }

        @Override
        public String name() {
            return "uring";
        }

        @Override
        public String unavailableReason() {
            return reason;
        }

        @Override
        public EventLoop create() {
            if (failCreate) {
                throw new UnsupportedOperationException("io_uring_setup failed: ENOMEM (test provider)");
            }
            created.incrementAndGet();
            return new VirtualTimeEventLoop();
        }
    }

    private static Function<String, EventLoopProvider> only(EventLoopProvider p) {
        return name -> name.equals(p.name()) ? p : null;
    }

    private static final Function<String, EventLoopProvider> NONE = name -> null;

    /** Captures io.jasyncio's log with DEBUG records let through, then restores the level. */
    private static List<String> logged(Runnable body) {
        Logger logger = Logger.getLogger("io.jasyncio");
        Level saved = logger.getLevel();
        logger.setLevel(Level.ALL);
        try (LogCapture log = LogCapture.start()) {
            body.run();
            return log.messages();
        } finally {
            logger.setLevel(saved);
        }
    }

    @Test
    void uringWithoutTheArtifactFailsNamingItAndTheFlags() {
        assumeFalse(LoopKind.URING.isInstalled(), "jasyncio-uring is on this class path");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, LoopKind.URING::create);
        assertTrue(e.getMessage().contains("io.jasyncio:jasyncio-uring"), e.getMessage());
        assertTrue(e.getMessage().contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED"), e.getMessage());
        assertTrue(e.getMessage().contains("--enable-native-access=ALL-UNNAMED"), e.getMessage());
        assertEquals(e.getMessage(), LoopKind.URING.unavailableReason());
        assertFalse(LoopKind.URING.isInstalled());
    }

    @Test
    void autoWithoutTheArtifactFallsBackToTheSelectorLoopAndSaysSoOnlyAtDebug() {
        assumeFalse(LoopKind.URING.isInstalled(), "jasyncio-uring is on this class path");
        List<String> log = logged(() -> {
            try (EventLoop loop = LoopKind.AUTO.create()) {
                assertInstanceOf(SelectorEventLoop.class, loop);
            }
        });
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("FINE ") && log.get(0).contains("selector loop")
                && log.get(0).contains("jasyncio-uring is not on the class path"), log.get(0));
    }

    @Test
    void builtInKindsAreAlwaysInstalledAndAvailable() {
        for (LoopKind k : List.of(LoopKind.SELECTOR, LoopKind.VIRTUAL, LoopKind.AUTO)) {
            assertTrue(k.isInstalled(), k.toString());
            assertNull(k.unavailableReason(), k.toString());
        }
    }

    @Test
    void uringUsesAnAvailableProvider() {
        FakeProvider p = new FakeProvider(null, false);
        try (EventLoop loop = LoopSelection.create(LoopKind.URING, only(p), false)) {
            assertInstanceOf(VirtualTimeEventLoop.class, loop);
        }
        assertEquals(1, p.created.get());
        assertNull(LoopSelection.unavailableReason(LoopKind.URING, only(p)));
        assertTrue(LoopSelection.isInstalled(LoopKind.URING, only(p)));
    }

    @Test
    void uringWithAnUnavailableProviderFailsWithItsReasonAndCreatesNothing() {
        FakeProvider p = new FakeProvider(KERNEL, false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LoopSelection.create(LoopKind.URING, only(p), false));
        assertEquals(KERNEL, e.getMessage());
        assertEquals(KERNEL, LoopSelection.unavailableReason(LoopKind.URING, only(p)));
        assertTrue(LoopSelection.isInstalled(LoopKind.URING, only(p)));
        assertEquals(0, p.created.get());
    }

    @Test
    void missingProviderMessageIsTheUnavailableReason() {
        String reason = LoopSelection.unavailableReason(LoopKind.URING, NONE);
        assertTrue(reason.contains("io.jasyncio:jasyncio-uring") && reason.contains("--enable-native-access=ALL-UNNAMED"), reason);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LoopSelection.create(LoopKind.URING, NONE, false));
        assertEquals(reason, e.getMessage());
        assertFalse(LoopSelection.isInstalled(LoopKind.URING, NONE));
    }

    @Test
    void autoPicksAnAvailableProviderAndLogsItAtInfoInDebugMode() {
        FakeProvider p = new FakeProvider(null, false);
        List<String> log = logged(() -> {
            try (EventLoop loop = LoopSelection.create(LoopKind.AUTO, only(p), true)) {
                assertInstanceOf(VirtualTimeEventLoop.class, loop);
            }
        });
        assertEquals(List.of("INFO jasyncio.loop=auto: using the uring loop (io_uring is available)"), log);
    }

    @Test
    void autoFallsBackQuietlyFromAnUnavailableProviderGivingItsReasonInDebugMode() {
        FakeProvider p = new FakeProvider(KERNEL, false);
        List<String> quiet = logged(() -> {
            try (EventLoop loop = LoopSelection.create(LoopKind.AUTO, only(p), false)) {
                assertInstanceOf(SelectorEventLoop.class, loop);
            }
        });
        assertEquals(1, quiet.size(), quiet.toString());
        assertTrue(quiet.get(0).startsWith("FINE "), "below INFO when not in debug mode: " + quiet);
        List<String> debug = logged(() -> LoopSelection.create(LoopKind.AUTO, only(p), true).close());
        assertEquals(List.of("INFO jasyncio.loop=auto: using the selector loop; io_uring is not used: " + KERNEL), debug);
        assertEquals(0, p.created.get());
    }

    @Test
    void autoFallsBackWhenTheProviderFailsAtCreateDespiteProbingFine() {
        FakeProvider p = new FakeProvider(null, true);
        List<String> log = logged(() -> {
            try (EventLoop loop = LoopSelection.create(LoopKind.AUTO, only(p), true)) {
                assertInstanceOf(SelectorEventLoop.class, loop);
            }
        });
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("io_uring_setup failed: ENOMEM"), log.get(0));
    }

    @Test
    void runOptionsDebugTurnsTheAutoReportUpToInfo() {
        List<String> log = logged(() -> assertEquals("ran", Asyncio.run(() -> "ran",
                RunOptions.defaults().withLoop(LoopKind.AUTO).withDebug(true).withSigintHandling(false))));
        assertTrue(log.stream().anyMatch(m -> m.startsWith("INFO jasyncio.loop=auto: using the ")), log.toString());
    }

    @Test
    void runOptionsWithAnUnavailableLoopFailsWithTheReason() {
        assumeFalse(LoopKind.URING.isInstalled(), "jasyncio-uring is on this class path");
        RunOptions uring = RunOptions.defaults().withLoop(LoopKind.URING).withSigintHandling(false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> Asyncio.run(() -> "x", uring));
        assertEquals(LoopKind.URING.unavailableReason(), e.getMessage());
        assertThrows(NullPointerException.class, () -> RunOptions.defaults().withLoop(null));
    }

    @Test
    void theSystemPropertySelectsAutoAndUring() {
        String saved = System.getProperty("jasyncio.loop");
        try {
            System.setProperty("jasyncio.loop", "auto");
            try (EventLoop loop = Asyncio.newEventLoop()) {
                assertEquals(LoopKind.URING.unavailableReason() != null, loop instanceof SelectorEventLoop, loop.toString());
            }
            System.setProperty("jasyncio.loop", " URING ");
            assertEquals(LoopKind.URING, LoopKind.fromSystemProperty());
            if (LoopKind.URING.unavailableReason() != null) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, Asyncio::newEventLoop);
                assertEquals(LoopKind.URING.unavailableReason(), e.getMessage());
            }
        } finally {
            if (saved == null) {
                System.clearProperty("jasyncio.loop");
            } else {
                System.setProperty("jasyncio.loop", saved);
            }
        }
    }
}
