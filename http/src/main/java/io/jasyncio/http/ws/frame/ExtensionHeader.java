package io.jasyncio.http.ws.frame;

import io.jasyncio.http.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code Sec-WebSocket-Extensions} values (RFC 6455 §9.1): a comma-separated list of
 * extensions, each a token with {@code ;}-separated parameters, a parameter a token with an
 * optional token or quoted-string value.
 */
final class ExtensionHeader {
    /** One extension of an offer or a response; names lower-cased, a valueless parameter's value null. */
    record Extension(String name, List<Param> params) {
    }

    /** One parameter of an extension. */
    record Param(String name, String value) {
    }

    private ExtensionHeader() {
    }

    /**
     * The extensions of every value, in order.
     *
     * @throws IllegalArgumentException when a value does not follow the grammar
     */
    static List<Extension> parse(List<String> values) {
        List<Extension> out = new ArrayList<>();
        for (String v : values) {
            new Parser(v).list(out);
        }
        return out;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void list(List<Extension> out) {
            while (true) {
                skipOws();
                if (i == s.length()) {
                    return;
                }
                if (s.charAt(i) == ',') { // empty list elements are allowed by the #rule
                    i++;
                    continue;
                }
                String name = token();
                List<Param> params = new ArrayList<>();
                skipOws();
                while (i < s.length() && s.charAt(i) == ';') {
                    i++;
                    skipOws();
                    String p = token();
                    skipOws();
                    String value = null;
                    if (i < s.length() && s.charAt(i) == '=') {
                        i++;
                        skipOws();
                        value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
                        skipOws();
                    }
                    params.add(new Param(p, value));
                }
                out.add(new Extension(name, List.copyOf(params)));
                if (i < s.length()) {
                    if (s.charAt(i) != ',') {
                        throw new IllegalArgumentException("malformed Sec-WebSocket-Extensions at " + i + ": " + s);
                    }
                    i++;
                }
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && Tokens.isTchar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("malformed Sec-WebSocket-Extensions: token expected at " + i + ": " + s);
            }
            return s.substring(start, i).toLowerCase(Locale.ROOT);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            throw new IllegalArgumentException("malformed Sec-WebSocket-Extensions: unterminated quoted string: " + s);
        }

        private void skipOws() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }
    }
}
