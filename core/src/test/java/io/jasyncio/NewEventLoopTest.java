package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** {@link Asyncio#newEventLoop()}: asyncio's {@code new_event_loop} (issue 8). */
class NewEventLoopTest {

    @Test
    void givesAFreshLoopThatIsNeitherRunningNorClosed() {
        try (EventLoop a = Asyncio.newEventLoop(); EventLoop b = Asyncio.newEventLoop()) {
            assertNotSame(a, b);
            assertFalse(a.isRunning());
            assertFalse(a.isClosed());
            assertNull(EventLoop.runningLoopOrNull(), "a new loop is not current until it runs");
        }
    }

    @Test
    void isOfTheKindTheSystemPropertyNames() {
        try (EventLoop loop = Asyncio.newEventLoop(); EventLoop expected = LoopKind.fromSystemProperty().create()) {
            assertEquals(expected.getClass(), loop.getClass());
        }
    }

    @Test
    void runsTasksUntilTheCallerClosesIt() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertEquals("ran", loop.runUntilComplete(() -> {
                assertSame(loop, Asyncio.getRunningLoop());
                return "ran";
            }));
            assertEquals(2, loop.runUntilComplete(() -> 2), "a second run shares the loop");
        } finally {
            loop.close();
        }
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
    }
}
