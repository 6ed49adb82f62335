package io.jasyncio.http;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request method (RFC 9110 §9): a case-sensitive token. The standard methods are
 * constants compared by identity-fast {@code equals}; {@link #of} returns them for their names
 * and a new instance for any other valid token (extension methods are allowed, as RFC 9110 does).
 */
public final class Method {
    /** {@code GET}. */
    public static final Method GET = new Method("GET", true, true);
    /** {@code HEAD}: as GET, but the response carries no body. */
    public static final Method HEAD = new Method("HEAD", true, true);
    /** {@code POST}. */
    public static final Method POST = new Method("POST", false, false);
    /** {@code PUT}. */
    public static final Method PUT = new Method("PUT", false, true);
    /** {@code DELETE}. */
    public static final Method DELETE = new Method("DELETE", false, true);
    /** {@code CONNECT}: its target is in authority-form. */
    public static final Method CONNECT = new Method("CONNECT", false, false);
    /** {@code OPTIONS}: the only method whose target may be {@code *}. */
    public static final Method OPTIONS = new Method("OPTIONS", true, true);
    /** {@code TRACE}. */
    public static final Method TRACE = new Method("TRACE", true, true);
    /** {@code PATCH} (RFC 5789). */
    public static final Method PATCH = new Method("PATCH", false, false);

    private static final Map<String, Method> STANDARD = Map.of(
            "GET", GET, "HEAD", HEAD, "POST", POST, "PUT", PUT, "DELETE", DELETE,
            "CONNECT", CONNECT, "OPTIONS", OPTIONS, "TRACE", TRACE, "PATCH", PATCH);

    private final String name;
    private final boolean safe;
    private final boolean idempotent;

    private Method(String name, boolean safe, boolean idempotent) {
        this.name = name;
        this.safe = safe;
        this.idempotent = idempotent;
    }

    /**
     * The method named {@code name}: a standard constant, or a new extension method.
     *
     * @throws IllegalArgumentException if {@code name} is empty or not an RFC 9110 token
     */
    public static Method of(String name) {
        Method m = STANDARD.get(Objects.requireNonNull(name, "name"));
        if (m != null) {
            return m;
        }
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("not a method token: \"" + name + "\"");
        }
        return new Method(name, false, false);
    }

    /** The method's name, as on the wire. */
    public String name() {
        return name;
    }

    /** Whether RFC 9110 calls the method safe (GET, HEAD, OPTIONS, TRACE); false for extensions. */
    public boolean isSafe() {
        return safe;
    }

    /** Whether RFC 9110 calls the method idempotent; false for extension methods. */
    public boolean isIdempotent() {
        return idempotent;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Method m && m.name.equals(name));
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
