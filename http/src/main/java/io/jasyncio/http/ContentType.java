package io.jasyncio.http;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A media type with parameters, as in a Content-Type field (RFC 9110 §8.3.1):
 * {@code type/subtype; name=value; name="quoted value"}. Type, subtype and parameter names are
 * case-insensitive and kept in lower case; parameter values keep their case (the charset is
 * compared case-insensitively by {@link #charset()}). Immutable.
 *
 * <p>Parsing is strict where aiohttp's is lenient: aiohttp falls back to
 * {@code application/octet-stream} on a malformed header, {@link #parse} throws and
 * {@link #tryParse} returns empty, so the caller chooses (a server answers 415 or 400).
 */
public final class ContentType {
    /** {@code text/plain; charset=utf-8}. */
    public static final ContentType TEXT_PLAIN_UTF8 = new ContentType("text", "plain", Map.of("charset", "utf-8"));
    /** {@code text/html; charset=utf-8}. */
    public static final ContentType TEXT_HTML_UTF8 = new ContentType("text", "html", Map.of("charset", "utf-8"));
    /** {@code application/json} (always UTF-8, RFC 8259 §8.1; it has no charset parameter). */
    public static final ContentType APPLICATION_JSON = new ContentType("application", "json", Map.of());
    /** {@code application/octet-stream}. */
    public static final ContentType OCTET_STREAM = new ContentType("application", "octet-stream", Map.of());
    /** {@code application/x-www-form-urlencoded}. */
    public static final ContentType FORM_URLENCODED = new ContentType("application", "x-www-form-urlencoded", Map.of());
    /** {@code text/event-stream} (Server-Sent Events). */
    public static final ContentType EVENT_STREAM = new ContentType("text", "event-stream", Map.of());

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;

    private ContentType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
    }

    /**
     * Parses a Content-Type field value.
     *
     * @throws IllegalArgumentException if it is not {@code token/token} followed by well-formed
     *     parameters
     */
    public static ContentType parse(String value) {
        Objects.requireNonNull(value, "value");
        int i = HeaderParams.skipOws(value, 0);
        int typeEnd = HeaderParams.tokenEnd(value, i);
        if (typeEnd == i || typeEnd == value.length() || value.charAt(typeEnd) != '/') {
            throw new IllegalArgumentException("not a media type: \"" + value + "\"");
        }
        int subEnd = HeaderParams.tokenEnd(value, typeEnd + 1);
        if (subEnd == typeEnd + 1) {
            throw new IllegalArgumentException("media type without a subtype: \"" + value + "\"");
        }
        Map<String, String> params = HeaderParams.parse(value, subEnd, "Content-Type");
        return new ContentType(value.substring(i, typeEnd).toLowerCase(Locale.ROOT),
                value.substring(typeEnd + 1, subEnd).toLowerCase(Locale.ROOT),
                params.isEmpty() ? Map.of() : Collections.unmodifiableMap(params));
    }

    /** As {@link #parse}, but empty instead of throwing (and for null). */
    public static Optional<ContentType> tryParse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The media type {@code type/subtype} without parameters.
     *
     * @throws IllegalArgumentException if either part is not a token
     */
    public static ContentType of(String type, String subtype) {
        if (!Tokens.isToken(type) || !Tokens.isToken(subtype)) {
            throw new IllegalArgumentException("not a media type: " + type + "/" + subtype);
        }
        return new ContentType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), Map.of());
    }

    /** The top-level type, lower case: {@code text}. */
    public String type() {
        return type;
    }

    /** The subtype, lower case: {@code plain}. */
    public String subtype() {
        return subtype;
    }

    /** {@code type/subtype}, lower case, without parameters. */
    public String mediaType() {
        return type + "/" + subtype;
    }

    /** The parameters in order, names lower case, values unquoted. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The value of parameter {@code name} (case-insensitive), or null. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The charset parameter as a JDK charset; empty if absent or unknown to the JDK (a caller
     * then uses the media type's default, such as UTF-8 for JSON).
     */
    public Optional<Charset> charset() {
        String cs = parameters.get("charset");
        if (cs == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(cs));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** The charset parameter, or {@code fallback} when absent or unknown. */
    public Charset charset(Charset fallback) {
        return charset().orElse(fallback);
    }

    /**
     * Whether this media type matches {@code pattern}: {@code text/plain}, {@code text/*} or
     * {@code * /*} (without the space), case-insensitive, parameters ignored.
     */
    public boolean matches(String pattern) {
        int slash = pattern.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a media range: " + pattern);
        }
        String t = pattern.substring(0, slash);
        String s = pattern.substring(slash + 1);
        return (t.equals("*") || t.equalsIgnoreCase(type)) && (s.equals("*") || s.equalsIgnoreCase(subtype));
    }

    /**
     * A copy with parameter {@code name} set to {@code value} (replacing any earlier value).
     *
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds a
     *     control character
     */
    public ContentType withParameter(String name, String value) {
        if (!Tokens.isToken(name) || !Tokens.isFieldValue(value)) {
            throw new IllegalArgumentException("bad media type parameter " + name + "=" + value);
        }
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(name.toLowerCase(Locale.ROOT), value);
        return new ContentType(type, subtype, Collections.unmodifiableMap(p));
    }

    /** A copy with {@code charset=<name in lower case>}. */
    public ContentType withCharset(Charset charset) {
        return withParameter("charset", charset.name().toLowerCase(Locale.ROOT));
    }

    /** Whether the type is textual enough to decode with a charset ({@code text/*}, JSON, XML, form). */
    public boolean isText() {
        return type.equals("text") || subtype.equals("json") || subtype.endsWith("+json")
                || subtype.equals("xml") || subtype.endsWith("+xml") || subtype.equals("x-www-form-urlencoded")
                || subtype.equals("javascript");
    }

    /** Equal when type, subtype and parameters (in any order) are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContentType c && c.type.equals(type) && c.subtype.equals(subtype) && c.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, subtype, parameters);
    }

    /** The field value: {@code type/subtype; name=value}, values quoted where they are not tokens. */
    @Override
    public String toString() {
        if (parameters.isEmpty()) {
            return mediaType();
        }
        StringBuilder sb = new StringBuilder(mediaType());
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append("; ").append(e.getKey()).append('=');
            HeaderParams.appendValue(sb, e.getValue());
        }
        return sb.toString();
    }
}
