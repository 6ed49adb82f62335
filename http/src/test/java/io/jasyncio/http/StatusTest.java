package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class StatusTest {
    @Test
    void everyConstantHasItsReasonPhrase() throws Exception {
        for (Field f : Status.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int code = f.getInt(null);
                String reason = Status.reason(code);
                assertFalse(reason.equals("Unknown"), f.getName());
                // The constant's name is the phrase upper-cased, words joined by '_'.
                assertEquals(f.getName(), reason.toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace("-", "_"), f.getName());
            }
        }
    }

    @Test
    void reasons() {
        assertEquals("OK", Status.reason(200));
        assertEquals("Early Hints", Status.reason(103));
        assertEquals("Unavailable For Legal Reasons", Status.reason(451));
        assertEquals("Unknown", Status.reason(299));
        assertEquals("Unknown", Status.reason(999));
        assertThrows(IllegalArgumentException.class, () -> Status.reason(99));
        assertThrows(IllegalArgumentException.class, () -> Status.reason(1000));
    }

    @Test
    void bodylessStatuses() {
        assertTrue(Status.forbidsBody(100));
        assertTrue(Status.forbidsBody(101));
        assertTrue(Status.forbidsBody(103));
        assertTrue(Status.forbidsBody(204));
        assertTrue(Status.forbidsBody(304));
        assertFalse(Status.forbidsBody(200));
        assertFalse(Status.forbidsBody(205));
        assertFalse(Status.forbidsBody(404));
    }
}
