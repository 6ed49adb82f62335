package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.VirtualTimeEventLoop;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link LoopKind}: names, the {@code -Djasyncio.loop} property and the loops it creates. */
class LoopKindTest {

    /** Runs {@code body} with {@code jasyncio.loop} set to {@code value} (null clears it), then restores it. */
    private static void withLoopProperty(String value, Runnable body) {
        String saved = System.getProperty("jasyncio.loop");
        try {
            if (value == null) {
                System.clearProperty("jasyncio.loop");
            } else {
                System.setProperty("jasyncio.loop", value);
            }
            body.run();
        } finally {
            if (saved == null) {
                System.clearProperty("jasyncio.loop");
            } else {
                System.setProperty("jasyncio.loop", saved);
            }
        }
    }

    @Test
    void parseIgnoresCaseAndSurroundingBlanks() {
        assertEquals(LoopKind.SELECTOR, LoopKind.parse("selector"));
        assertEquals(LoopKind.SELECTOR, LoopKind.parse(" Selector "));
        assertEquals(LoopKind.VIRTUAL, LoopKind.parse("VIRTUAL"));
        assertEquals(LoopKind.URING, LoopKind.parse("uring"));
        assertEquals(LoopKind.AUTO, LoopKind.parse("Auto"));
    }

    @Test
    void parseRejectsAnUnknownNameListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopKind.parse("uring-ish"));
        assertTrue(e.getMessage().contains("uring-ish") && e.getMessage().contains("selector")
                && e.getMessage().contains("virtual") && e.getMessage().contains("uring")
                && e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void toStringIsTheNameParseAccepts() {
        for (LoopKind k : LoopKind.values()) {
            assertEquals(k.name().toLowerCase(Locale.ROOT), k.toString());
            assertEquals(k, LoopKind.parse(k.toString()));
        }
    }

    @Test
    void fromSystemPropertyDefaultsToSelectorWhenUnsetOrBlank() {
        withLoopProperty(null, () -> assertEquals(LoopKind.SELECTOR, LoopKind.fromSystemProperty()));
        withLoopProperty("  ", () -> assertEquals(LoopKind.SELECTOR, LoopKind.fromSystemProperty()));
    }

    @Test
    void fromSystemPropertyReadsTheProperty() {
        withLoopProperty("virtual", () -> assertEquals(LoopKind.VIRTUAL, LoopKind.fromSystemProperty()));
        withLoopProperty("nonsense", () -> assertThrows(IllegalArgumentException.class, LoopKind::fromSystemProperty));
    }

    @Test
    void createMakesAFreshOpenLoopOfTheKind() {
        try (EventLoop a = LoopKind.SELECTOR.create(); EventLoop b = LoopKind.SELECTOR.create();
                EventLoop v = LoopKind.VIRTUAL.create()) {
            assertInstanceOf(SelectorEventLoop.class, a);
            assertInstanceOf(VirtualTimeEventLoop.class, v);
            assertNotSame(a, b);
            assertFalse(a.isRunning() || a.isClosed());
            assertEquals(0, v.time(), "virtual time starts at zero");
        }
    }
}
