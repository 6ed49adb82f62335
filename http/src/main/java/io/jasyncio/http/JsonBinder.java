package io.jasyncio.http;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SimpleJsonCodec}'s mapping from decoded JSON (maps, lists, strings, numbers, booleans,
 * null) to a requested type: boxed and primitive numbers with range checks, strings, enums by
 * name, records by component name (recursively, generic {@code List}/{@code Set}/{@code Map}/
 * {@code Optional} components included) and arrays.
 */
final class JsonBinder {
    private JsonBinder() {
    }

    /** A record component's value, reading through its accessor. */
    static Object component(Record r, RecordComponent c) {
        Method m = c.getAccessor();
        try {
            if (!m.canAccess(r)) {
                m.setAccessible(true);
            }
            return m.invoke(r);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new JsonException("cannot read " + r.getClass().getName() + "." + c.getName()
                    + ": make the record public in an exported package, or open the package to io.jasyncio.http", e);
        } catch (InvocationTargetException e) {
            throw new JsonException("accessor " + c.getName() + " of " + r.getClass().getName() + " threw", e.getCause());
        }
    }

    static Object convert(Object v, Type type, String where) {
        if (type instanceof Class<?> c) {
            return convertClass(v, c, where);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (v == null) {
                return raw == Optional.class ? Optional.empty() : null;
            }
            if (raw == Optional.class) {
                return Optional.ofNullable(convert(v, args[0], where));
            }
            if ((raw == List.class || raw == Collection.class || raw == Iterable.class || raw == Set.class)
                    && v instanceof List<?> list) {
                Collection<Object> out = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(convert(list.get(i), args[0], where + "[" + i + "]"));
                }
                return raw == Set.class ? out : List.copyOf(nullSafe(out));
            }
            if (raw == Map.class && args[0] == String.class && v instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put((String) e.getKey(), convert(e.getValue(), args[1], where + "." + e.getKey()));
                }
                return out;
            }
            return mismatch(v, type, where);
        }
        throw new JsonException("SimpleJsonCodec cannot decode into " + type + " (at " + where + "); use JacksonJsonCodec");
    }

    /** List.copyOf refuses nulls, and JSON arrays may hold them: keep such lists mutable. */
    private static Collection<Object> nullSafe(Collection<Object> c) {
        return c.contains(null) ? java.util.Collections.unmodifiableCollection(c) : c;
    }

    private static Object convertClass(Object v, Class<?> c, String where) {
        if (v == null) {
            if (c.isPrimitive()) {
                throw new JsonException(where + ": null (or missing) for a " + c.getName());
            }
            return c == Optional.class ? Optional.empty() : null;
        }
        if (c == Object.class) {
            return v;
        }
        if (c == int.class || c == Integer.class) return (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, c, where);
        if (c == long.class || c == Long.class) return integral(v, Long.MIN_VALUE, Long.MAX_VALUE, c, where);
        if (c == short.class || c == Short.class) return (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, c, where);
        if (c == byte.class || c == Byte.class) return (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, c, where);
        if (c == double.class || c == Double.class) return number(v, c, where).doubleValue();
        if (c == float.class || c == Float.class) return number(v, c, where).floatValue();
        if (c == boolean.class || c == Boolean.class) {
            return v instanceof Boolean ? v : mismatch(v, c, where);
        }
        if (c == char.class || c == Character.class) {
            return v instanceof String s && s.length() == 1 ? s.charAt(0) : mismatch(v, c, where);
        }
        if (c == BigDecimal.class) {
            return switch (number(v, c, where)) {
                case BigDecimal bd -> bd;
                case BigInteger bi -> new BigDecimal(bi);
                case Long l -> BigDecimal.valueOf(l);
                case Number n -> new BigDecimal(n.toString());
            };
        }
        if (c == BigInteger.class) {
            return switch (number(v, c, where)) {
                case BigInteger bi -> bi;
                case Long l -> BigInteger.valueOf(l);
                default -> mismatch(v, c, where);
            };
        }
        if (c.isEnum()) {
            if (v instanceof String s) {
                for (Object k : c.getEnumConstants()) {
                    if (((Enum<?>) k).name().equals(s)) {
                        return k;
                    }
                }
            }
            return mismatch(v, c, where);
        }
        if (c.isRecord()) {
            return v instanceof Map<?, ?> m ? record(m, c, where) : mismatch(v, c, where);
        }
        if (c.isArray() && v instanceof List<?> list) {
            Object arr = Array.newInstance(c.getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(arr, i, convert(list.get(i), c.getComponentType(), where + "[" + i + "]"));
            }
            return arr;
        }
        if (c.isInstance(v)) {
            return v;
        }
        return mismatch(v, c, where);
    }

    private static Number number(Object v, Class<?> c, String where) {
        if (v instanceof Number n) {
            return n;
        }
        throw new JsonException(where + ": expected a number for " + c.getSimpleName() + ", got " + kind(v));
    }

    private static long integral(Object v, long min, long max, Class<?> c, String where) {
        if (v instanceof Long l && l >= min && l <= max) {
            return l;
        }
        throw new JsonException(where + ": expected an integer in " + c.getSimpleName() + "'s range, got " + kind(v)
                + (v instanceof Number ? " " + v : ""));
    }

    private static Object mismatch(Object v, Type t, String where) {
        throw new JsonException(where + ": cannot decode " + kind(v) + " into " + t.getTypeName());
    }

    private static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            default -> v.getClass().getSimpleName();
        };
    }

    private static Object record(Map<?, ?> m, Class<?> c, String where) {
        RecordComponent[] comps = c.getRecordComponents();
        Class<?>[] types = new Class<?>[comps.length];
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
        }
        for (Object key : m.keySet()) {
            boolean known = false;
            for (RecordComponent rc : comps) {
                known |= rc.getName().equals(key);
            }
            if (!known) {
                throw new JsonException(where + ": " + c.getSimpleName() + " has no component \"" + key + "\"");
            }
        }
        for (int i = 0; i < comps.length; i++) {
            args[i] = convert(m.get(comps[i].getName()), comps[i].getGenericType(), where + "." + comps[i].getName());
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor(types);
            if (!ctor.canAccess(null)) {
                ctor.setAccessible(true);
            }
            return ctor.newInstance(args);
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException | InaccessibleObjectException e) {
            throw new JsonException("cannot construct " + c.getName()
                    + ": make the record public in an exported package, or open the package to io.jasyncio.http", e);
        } catch (InvocationTargetException e) {
            throw new JsonException(where + ": " + c.getSimpleName() + "'s constructor refused the value: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
