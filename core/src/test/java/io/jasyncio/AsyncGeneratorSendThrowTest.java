package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;

/**
 * {@link AsyncGenerator#asend} and {@link AsyncGenerator#athrow} (issue 8): Python's
 * {@code agen.asend(v)} / {@code agen.athrow(e)}, checked against CPython 3.11.
 */
class AsyncGeneratorSendThrowTest {
    /** {@code x = yield 1; print("got", x); y = yield 2; ...} with {@code except ValueError: yield 99}. */
    private static AsyncGenerator<Integer> echo(List<String> log) {
        return AsyncGenerator.of(out -> {
            try {
                log.add("got " + out.emit(1));
                sleep(Duration.ofMillis(1));
                log.add("got " + out.emit(2));
            } catch (IllegalArgumentException e) {
                log.add("caught " + e.getMessage());
                out.emit(99);
            }
        });
    }

    @LoopTest
    void asendResumesTheBodyWithTheValueAsTheResultOfEmit(LoopHarness h) {
        List<String> log = new ArrayList<>();
        List<Integer> got = h.run(() -> {
            AsyncGenerator<Integer> g = echo(log);
            int first = g.asend(null);
            int second = g.asend("a");
            assertThrows(NoSuchElementException.class, () -> g.asend("b"));
            assertTrue(g.isDone());
            return List.of(first, second);
        });
        assertEquals(List.of(1, 2), got);
        assertEquals(List.of("got a", "got b"), log);
    }

    @LoopTest
    void aValueTakenByNextLeavesEmitReturningNull(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(log);
            assertEquals(1, g.next());
            assertEquals(2, g.asend(null));
            g.close();
        });
        assertEquals(List.of("got null"), log);
    }

    @LoopTest
    void aNonNullValueCannotStartAGenerator(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(new ArrayList<>());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.asend(5));
            assertEquals("can't send non-null value to a just-started async generator", e.getMessage());
            assertEquals(1, g.asend(null));
            g.close();
        });
    }

    @LoopTest
    void athrowRaisesAtThePendingEmitAndReturnsWhatTheBodyEmitsNext(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(log);
            assertEquals(1, g.asend(null));
            assertEquals(99, g.athrow(new IllegalArgumentException("v")));
            assertThrows(NoSuchElementException.class, () -> g.asend(null));
        });
        assertEquals(List.of("caught v"), log);
    }

    @LoopTest
    void anExceptionTheBodyDoesNotCatchComesBackOutOfAthrow(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(new ArrayList<>());
            g.asend(null);
            IllegalStateException e = new IllegalStateException("not caught");
            assertSame(e, assertThrows(IllegalStateException.class, () -> g.athrow(e)));
            assertTrue(g.isDone());
            CompletionException wrapped = assertThrows(CompletionException.class, () -> {
                AsyncGenerator<Integer> other = echo(new ArrayList<>());
                other.asend(null);
                other.athrow(new IOException("checked"));
            });
            assertInstanceOf(IOException.class, wrapped.getCause());
        });
    }

    @LoopTest
    void athrowOnAGeneratorNotStartedThrowsWithoutRunningTheBodyAndFinishesIt(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(log);
            IllegalStateException e = new IllegalStateException("k");
            assertSame(e, assertThrows(IllegalStateException.class, () -> g.athrow(e)));
            assertTrue(g.isDone());
            assertFalse(g.hasNext());
        });
        assertEquals(List.of(), log);
    }

    @LoopTest
    void athrowOnAFinishedGeneratorDoesNothing(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(new ArrayList<>());
            g.close();
            assertNull(g.athrow(new IllegalStateException("ignored")));
        });
    }

    @LoopTest
    void aValueBufferedByHasNextMustBeTakenFirst(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> g = echo(new ArrayList<>());
            assertTrue(g.hasNext());
            assertThrows(IllegalStateException.class, () -> g.asend(null));
            assertThrows(IllegalStateException.class, () -> g.athrow(new IllegalStateException()));
            assertEquals(1, g.next());
            g.close();
        });
    }
}
