package io.jasyncio.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ; name=value} parameter syntax shared by Content-Type (RFC 9110 §5.6.6) and
 * Content-Disposition (RFC 6266): names are tokens (lower-cased here), values tokens or quoted
 * strings (§5.6.4), whitespace allowed around the {@code ;}.
 */
final class HeaderParams {
    private HeaderParams() {
    }

    /** Index of the first char at or after {@code i} that is not SP or HTAB. */
    static int skipOws(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** End index of the token starting at {@code i} ({@code i} itself if none). */
    static int tokenEnd(String s, int i) {
        while (i < s.length() && Tokens.isTchar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Parses parameters from {@code i} to the end into {@code out} (first of a repeated name wins).
     *
     * @throws IllegalArgumentException on bad syntax
     */
    static Map<String, String> parse(String s, int i, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        while (true) {
            i = skipOws(s, i);
            if (i == s.length()) {
                return out;
            }
            if (s.charAt(i) != ';') {
                throw new IllegalArgumentException(what + ": expected ';' at " + i + " in \"" + s + "\"");
            }
            i = skipOws(s, i + 1);
            if (i == s.length() || s.charAt(i) == ';') {
                continue;
            }
            int nameEnd = tokenEnd(s, i);
            if (nameEnd == i || nameEnd == s.length() || s.charAt(nameEnd) != '=') {
                throw new IllegalArgumentException(what + ": expected parameter name=value at " + i + " in \"" + s + "\"");
            }
            String name = s.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            i = nameEnd + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i = readQuoted(s, i, sb, what);
                value = sb.toString();
            } else {
                int end = tokenEnd(s, i);
                if (end == i) {
                    throw new IllegalArgumentException(what + ": empty or invalid value of parameter " + name + " in \"" + s + "\"");
                }
                value = s.substring(i, end);
                i = end;
            }
            out.putIfAbsent(name, value);
        }
    }

    /** Reads the quoted string opening at {@code i} into {@code sb}; returns the index after its closing quote. */
    static int readQuoted(String s, int i, StringBuilder sb, String what) {
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (++i == s.length()) {
                    break;
                }
                c = s.charAt(i);
            }
            if (c != '\t' && (c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException(what + ": control character in a quoted string");
            }
            sb.append(c);
        }
        throw new IllegalArgumentException(what + ": unterminated quoted string in \"" + s + "\"");
    }

    /** Appends {@code value} as a token if it is one, else as a quoted string. */
    static void appendValue(StringBuilder sb, String value) {
        if (Tokens.isToken(value)) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
