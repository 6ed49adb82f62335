package io.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopCheckTest {
    private final String saved = System.getProperty(LoopCheck.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(LoopCheck.PROPERTY);
        } else {
            System.setProperty(LoopCheck.PROPERTY, saved);
        }
    }

    @Test
    void runtimeIsNamedByTheLoopAskedFor() {
        System.clearProperty(LoopCheck.PROPERTY);
        assertFalse(LoopCheck.uringRequested());
        assertEquals("jasyncio", LoopCheck.runtime());
        System.setProperty(LoopCheck.PROPERTY, " URING ");
        assertTrue(LoopCheck.uringRequested());
        assertEquals("jasyncio-uring", LoopCheck.runtime());
        System.setProperty(LoopCheck.PROPERTY, "selector");
        assertEquals("jasyncio", LoopCheck.runtime());
    }

    @Test
    void theSelectorLoopPassesTheCheckWhenNothingElseWasAskedFor() {
        System.clearProperty(LoopCheck.PROPERTY);
        // would exit the JVM if it failed; returning is the assertion
        io.jasyncio.Asyncio.run(LoopCheck::requireRequestedLoop);
    }
}
