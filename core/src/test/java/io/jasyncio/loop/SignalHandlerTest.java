package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.SelectorEventLoop;
import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.ContextVar;
import io.jasyncio.Future;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@link EventLoop#addSignalHandler} / {@link EventLoop#removeSignalHandler}, with real signals
 * sent to this JVM by {@code kill}. SIGUSR2 would end the JVM by default, so every test first
 * installs a sentinel handler of its own: the one the loop's handler replaces and must put back.
 * (Ctrl-C replaced and restored under {@code Asyncio.run} needs a process of its own: see
 * {@code SigintTest}.)
 */
class SignalHandlerTest {
    /** How long a signal may take to come back through the JVM's signal thread and the loop. */
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String SIGNAL = "USR2";

    private final BlockingQueue<String> sentinel = new ArrayBlockingQueue<>(16);
    private SignalHandler original;

    @BeforeEach
    void installSentinel() {
        original = Signal.handle(new Signal(SIGNAL), sig -> sentinel.add("sentinel"));
    }

    @AfterEach
    void restoreOriginal() {
        Signal.handle(new Signal(SIGNAL), original);
    }

    /** Sends {@code signal} to this JVM with the kill command, off the loop. */
    static void raise(String signal) {
        toThread(() -> {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            assertTrue(kill.waitFor(DELIVERY.toSeconds(), TimeUnit.SECONDS), "kill did not finish");
            assertEquals(0, kill.exitValue(), "kill -" + signal + " failed");
            return null;
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aHandlerRunsOnTheLoopThreadInTheContextCurrentWhenAdded(LoopHarness h) {
        ContextVar<String> who = new ContextVar<>("who");
        h.run(() -> timeout(DELIVERY, () -> {
            EventLoop loop = getRunningLoop();
            Thread loopThread = Thread.currentThread();
            Future<String> called = loop.createFuture();
            who.set("adder");
            loop.addSignalHandler("SIGUSR2", () -> {
                assertSame(loopThread, Thread.currentThread());
                if (!called.isDone()) {
                    called.setResult(who.get());
                }
            });
            who.set("later");
            raise(SIGNAL);
            assertEquals("adder", called.await());
            assertTrue(loop.removeSignalHandler("usr2"));
            assertTrue(sentinel.isEmpty(), "the loop's handler replaced the previous one");
        }));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void removingAHandlerPutsBackThePreviousOne(LoopHarness h) throws InterruptedException {
        List<String> calls = new ArrayList<>();
        h.run(() -> timeout(DELIVERY, () -> {
            EventLoop loop = getRunningLoop();
            loop.addSignalHandler(SIGNAL, () -> calls.add("loop"));
            assertTrue(loop.removeSignalHandler(SIGNAL));
            assertFalse(loop.removeSignalHandler(SIGNAL), "nothing left to remove");
            raise(SIGNAL);
        }));
        assertEquals("sentinel", sentinel.poll(DELIVERY.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of(), calls);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void addingAgainReplacesTheHandlerAndRemovingStillRestoresTheFirstPrevious(LoopHarness h) throws InterruptedException {
        List<String> calls = new ArrayList<>();
        h.run(() -> timeout(DELIVERY, () -> {
            EventLoop loop = getRunningLoop();
            Future<Void> second = loop.createFuture();
            loop.addSignalHandler(SIGNAL, () -> calls.add("first"));
            loop.addSignalHandler(SIGNAL, () -> {
                calls.add("second");
                second.setResult(null);
            });
            raise(SIGNAL);
            second.await();
            loop.removeSignalHandler(SIGNAL);
            raise(SIGNAL);
        }));
        assertEquals("sentinel", sentinel.poll(DELIVERY.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of("second"), calls);
    }

    @Test
    void closingTheLoopRemovesItsHandlers() throws InterruptedException {
        List<String> calls = new ArrayList<>();
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            loop.addSignalHandler(SIGNAL, () -> calls.add("loop"));
            loop.addSignalHandler("WINCH", () -> calls.add("winch"));
        }
        // The sentinel is back, and the loop would not take the signal any more.
        try (SelectorEventLoop other = new SelectorEventLoop()) {
            other.runUntilComplete(() -> {
                raise(SIGNAL);
                return null;
            });
        }
        assertEquals("sentinel", sentinel.poll(DELIVERY.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of(), calls);
    }

    @Test
    void onlyOneOpenLoopMayHandleASignal() {
        try (SelectorEventLoop a = new SelectorEventLoop(); SelectorEventLoop b = new SelectorEventLoop()) {
            a.addSignalHandler(SIGNAL, () -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.addSignalHandler("SIGUSR2", () -> { }));
            assertTrue(e.getMessage().contains("SIGUSR2 is handled by another event loop"), e.getMessage());
            assertFalse(b.removeSignalHandler(SIGNAL), "b never had it");
            a.removeSignalHandler(SIGNAL);
            b.addSignalHandler(SIGNAL, () -> { });
        }
    }

    @Test
    void signalsTheJvmRefusesRaiseAClearError() {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            for (String refused : List.of("KILL", "STOP", "SIGQUIT", "SEGV")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(refused, () -> { }),
                        refused);
                assertTrue(e.getMessage().startsWith("the JVM refuses to let SIG"), e.getMessage());
            }
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("SIGNOPE", () -> { }));
            assertEquals("unknown signal: SIGNOPE", unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> loop.removeSignalHandler("NOPE"));
            assertThrows(NullPointerException.class, () -> loop.addSignalHandler(SIGNAL, null));
            // A refused signal is not left claimed by the loop.
            try (SelectorEventLoop other = new SelectorEventLoop()) {
                assertThrows(IllegalArgumentException.class, () -> other.addSignalHandler("KILL", () -> { }));
            }
        }
    }

    @Test
    void aClosedLoopTakesNoHandler() {
        SelectorEventLoop loop = new SelectorEventLoop();
        loop.close();
        assertThrows(IllegalStateException.class, () -> loop.addSignalHandler(SIGNAL, () -> { }));
        assertFalse(loop.removeSignalHandler(SIGNAL));
    }
}
