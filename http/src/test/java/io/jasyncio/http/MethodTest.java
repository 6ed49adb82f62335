package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodTest {
    @Test
    void standardMethodsAreConstants() {
        for (Method m : List.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.DELETE, Method.CONNECT,
                Method.OPTIONS, Method.TRACE, Method.PATCH)) {
            assertSame(m, Method.of(m.name()));
            assertEquals(m.name(), m.toString());
        }
    }

    @Test
    void safetyAndIdempotenceFollowRfc9110() {
        assertTrue(Method.GET.isSafe());
        assertTrue(Method.HEAD.isSafe());
        assertTrue(Method.OPTIONS.isSafe());
        assertTrue(Method.TRACE.isSafe());
        assertFalse(Method.POST.isSafe());
        assertFalse(Method.PUT.isSafe());
        assertTrue(Method.PUT.isIdempotent());
        assertTrue(Method.DELETE.isIdempotent());
        assertFalse(Method.POST.isIdempotent());
        assertFalse(Method.PATCH.isIdempotent());
        assertFalse(Method.CONNECT.isIdempotent());
    }

    @Test
    void extensionMethodsAreCaseSensitiveTokens() {
        Method purge = Method.of("PURGE");
        assertEquals("PURGE", purge.name());
        assertEquals(purge, Method.of("PURGE"));
        assertEquals(purge.hashCode(), Method.of("PURGE").hashCode());
        assertFalse(purge.isSafe());
        assertFalse(purge.isIdempotent());
        assertNotEquals(Method.GET, Method.of("get"));
        for (String bad : List.of("", "GE T", "GET\r", "G(T", "\u00c9T")) {
            assertThrows(IllegalArgumentException.class, () -> Method.of(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> Method.of(null));
    }
}
