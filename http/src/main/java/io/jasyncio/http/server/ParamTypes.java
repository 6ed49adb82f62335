package io.jasyncio.http.server;

import java.util.Locale;
import java.util.UUID;

/** Converts path and query parameter strings to the types handlers ask for. */
final class ParamTypes {
    private ParamTypes() {
    }

    /**
     * {@code raw} as a {@code type}: String, Integer/int, Long/long, Double/double,
     * Boolean/boolean ({@code true}/{@code false}, any case), UUID, or an enum (its constant's
     * name, exact, else ignoring case).
     *
     * @param what "path parameter" or "query parameter", for the error message
     * @throws HttpException 400 if {@code raw} is not a valid value of the type
     * @throws IllegalArgumentException if {@code type} is not one of those (a programming error)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> T convert(String what, String name, String raw, Class<T> type) {
        try {
            Object v;
            if (type == String.class) {
                v = raw;
            } else if (type == Integer.class || type == int.class) {
                v = Integer.valueOf(raw);
            } else if (type == Long.class || type == long.class) {
                v = Long.valueOf(raw);
            } else if (type == Double.class || type == double.class) {
                double d = Double.parseDouble(raw);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                v = d;
            } else if (type == Boolean.class || type == boolean.class) {
                String lower = raw.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new IllegalArgumentException();
                }
                v = Boolean.valueOf(lower);
            } else if (type == UUID.class) {
                if (raw.length() != 36) {
                    throw new IllegalArgumentException();
                }
                v = UUID.fromString(raw);
            } else if (type.isEnum()) {
                v = enumConstant((Class<? extends Enum>) type, raw);
            } else {
                throw new UnsupportedTypeException("no conversion to " + type.getName()
                        + " for " + what + " \"" + name + "\": use String, Integer, Long, Double, Boolean, UUID or an enum");
            }
            return (T) v;
        } catch (UnsupportedTypeException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IllegalArgumentException e) {
            String shown = raw.length() > 64 ? raw.substring(0, 64) + "..." : raw;
            throw new HttpException(400, what + " \"" + name + "\" is not a valid " + type.getSimpleName() + ": \"" + shown + "\"");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<? extends Enum> type, String raw) {
        for (Enum e : type.getEnumConstants()) {
            if (e.name().equals(raw)) {
                return e;
            }
        }
        for (Enum e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) {
                return e;
            }
        }
        throw new IllegalArgumentException();
    }

    private static final class UnsupportedTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedTypeException(String message) {
            super(message, null, false, false);
        }
    }
}
