package io.jasyncio.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@code Set-Cookie} response header (RFC 6265 §4.1, with SameSite from RFC 6265bis): built
 * with {@link #builder}, validated when built, written by {@link #headerValue()}.
 *
 * {@snippet :
 * SetCookie c = SetCookie.builder("session", token)
 *         .path("/").httpOnly(true).secure(true).sameSite(SetCookie.SameSite.LAX)
 *         .maxAge(Duration.ofHours(8)).build();
 * headers.add("Set-Cookie", c.headerValue());
 * }
 *
 * <p>Unlike aiohttp's {@code set_cookie} (built on {@code http.cookies.Morsel}), which quotes
 * and escapes a value it does not like, this refuses values outside RFC 6265's
 * {@code cookie-octet}s: encode such values yourself (base64url, percent-encoding). It also
 * enforces the rules browsers would otherwise apply silently by dropping the cookie:
 * {@code SameSite=None} needs {@code Secure}, the {@code __Secure-} prefix needs {@code Secure},
 * and {@code __Host-} needs {@code Secure}, {@code Path=/} and no {@code Domain}.
 */
public final class SetCookie {
    /** The SameSite attribute's values. */
    public enum SameSite {
        /** Sent only with same-site requests. */
        STRICT("Strict"),
        /** Also sent with top-level cross-site navigations using safe methods (browsers' default). */
        LAX("Lax"),
        /** Sent with every request; requires Secure. */
        NONE("None");

        private final String text;

        SameSite(String text) {
            this.text = text;
        }

        /** The attribute value as written: {@code Strict}, {@code Lax} or {@code None}. */
        public String text() {
            return text;
        }
    }

    private final String name;
    private final String value;
    private final String path;
    private final String domain;
    private final Long maxAge;
    private final Instant expires;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;

    private SetCookie(Builder b) {
        name = b.name;
        value = b.value;
        path = b.path;
        domain = b.domain;
        maxAge = b.maxAge;
        expires = b.expires;
        secure = b.secure;
        httpOnly = b.httpOnly;
        sameSite = b.sameSite;
    }

    /**
     * A builder for cookie {@code name} with {@code value}.
     *
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds a
     *     char other than RFC 6265 cookie-octets (optionally inside one pair of double quotes)
     */
    public static Builder builder(String name, String value) {
        return new Builder(name, value);
    }

    /**
     * A cookie that makes the browser delete {@code name} at {@code path}: empty value,
     * {@code Max-Age=0} and an {@code Expires} in 1970 for old clients.
     */
    public static SetCookie delete(String name, String path) {
        return builder(name, "").path(path).maxAge(Duration.ZERO).expires(Instant.EPOCH).build();
    }

    /** The cookie's name. */
    public String name() {
        return name;
    }

    /** The cookie's value, as written. */
    public String value() {
        return value;
    }

    /** The header value: {@code name=value; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax}. */
    public String headerValue() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(value);
        if (expires != null) sb.append("; Expires=").append(HttpDates.format(expires));
        if (maxAge != null) sb.append("; Max-Age=").append(maxAge);
        if (domain != null) sb.append("; Domain=").append(domain);
        if (path != null) sb.append("; Path=").append(path);
        if (secure) sb.append("; Secure");
        if (httpOnly) sb.append("; HttpOnly");
        if (sameSite != null) sb.append("; SameSite=").append(sameSite.text());
        return sb.toString();
    }

    /** The same as {@link #headerValue()}. */
    @Override
    public String toString() {
        return headerValue();
    }

    /** Collects a cookie's attributes; {@link #build} validates them together. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String value;
        private String path;
        private String domain;
        private Long maxAge;
        private Instant expires;
        private boolean secure;
        private boolean httpOnly;
        private SameSite sameSite;

        private Builder(String name, String value) {
            if (!Tokens.isToken(Objects.requireNonNull(name, "name"))) {
                throw new IllegalArgumentException("cookie name is not a token: \"" + name + "\"");
            }
            if (!isValue(Objects.requireNonNull(value, "value"))) {
                throw new IllegalArgumentException("cookie " + name + ": value holds a char outside RFC 6265 cookie-octets"
                        + " (space, comma, semicolon, backslash, double quote, control or non-ASCII); encode it first");
            }
            this.name = name;
            this.value = value;
        }

        /**
         * The {@code Path} attribute.
         *
         * @throws IllegalArgumentException if it holds a control or {@code ;}, or does not start with {@code /}
         */
        public Builder path(String path) {
            if (path != null) {
                if (!path.startsWith("/")) {
                    throw new IllegalArgumentException("cookie path must start with '/': " + path);
                }
                for (int i = 0; i < path.length(); i++) {
                    char c = path.charAt(i);
                    if (c < 0x20 || c >= 0x7F || c == ';') {
                        throw new IllegalArgumentException("cookie path holds a control, non-ASCII char or ';': " + path);
                    }
                }
            }
            this.path = path;
            return this;
        }

        /**
         * The {@code Domain} attribute (a host name; a leading dot is dropped, as browsers ignore it).
         *
         * @throws IllegalArgumentException unless it is letters, digits, {@code -} and {@code .}
         */
        public Builder domain(String domain) {
            if (domain != null) {
                String d = domain.startsWith(".") ? domain.substring(1) : domain;
                if (d.isEmpty() || d.startsWith(".") || d.endsWith(".") || d.contains("..")
                        || !d.chars().allMatch(c -> c == '-' || c == '.' || (c < 0x80 && Character.isLetterOrDigit(c)))) {
                    throw new IllegalArgumentException("not a cookie domain: " + domain);
                }
                domain = d;
            }
            this.domain = domain;
            return this;
        }

        /**
         * The {@code Max-Age} attribute, in whole seconds (zero or negative deletes the cookie;
         * negative is written as 0).
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge == null ? null : Math.max(0, maxAge.toSeconds());
            return this;
        }

        /** The {@code Expires} attribute, written as an IMF-fixdate (must lie in years 0000-9999 at build). */
        public Builder expires(Instant expires) {
            this.expires = expires;
            return this;
        }

        /** The {@code Secure} flag: sent only over HTTPS. */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** The {@code HttpOnly} flag: hidden from scripts. */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /** The {@code SameSite} attribute, or null to leave it out. */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = sameSite;
            return this;
        }

        /**
         * The cookie.
         *
         * @throws IllegalArgumentException if {@code SameSite=None} or a {@code __Secure-}/{@code __Host-}
         *     name lacks Secure, a {@code __Host-} cookie has a Domain or a Path other than {@code /},
         *     or Expires is outside years 0000-9999
         */
        public SetCookie build() {
            if (sameSite == SameSite.NONE && !secure) {
                throw new IllegalArgumentException("cookie " + name + ": SameSite=None requires Secure");
            }
            if ((name.startsWith("__Secure-") || name.startsWith("__Host-")) && !secure) {
                throw new IllegalArgumentException("cookie " + name + ": its prefix requires Secure");
            }
            if (name.startsWith("__Host-") && (domain != null || !"/".equals(path))) {
                throw new IllegalArgumentException("cookie " + name + ": the __Host- prefix requires Path=/ and no Domain");
            }
            if (expires != null) {
                HttpDates.format(expires);
            }
            return new SetCookie(this);
        }

        private static boolean isValue(String v) {
            int from = 0;
            int to = v.length();
            if (to >= 2 && v.charAt(0) == '"' && v.charAt(to - 1) == '"') {
                from = 1;
                to--;
            }
            for (int i = from; i < to; i++) {
                char c = v.charAt(i);
                boolean octet = c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A)
                        || (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
                if (!octet) {
                    return false;
                }
            }
            return true;
        }
    }
}
