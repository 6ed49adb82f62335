package io.jasyncio;

/**
 * Text for a user's object inside jasyncio's own descriptions, which must not fail: a
 * {@code toString()} that throws is replaced by the object's class name.
 */
final class Describe {
    private Describe() {
    }

    /**
     * {@code String.valueOf(o)}, or {@code <ClassName, toString() threw ExceptionName>} when that
     * throws an exception (an {@link Error} still propagates: it is not a bad toString).
     */
    static String safe(Object o) {
        try {
            return String.valueOf(o);
        } catch (RuntimeException e) {
            return "<" + o.getClass().getName() + ", toString() threw " + e.getClass().getName() + ">";
        }
    }
}
