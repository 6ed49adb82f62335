package io.jasyncio.http.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's path template, aiohttp's syntax: literal text and {@code {name}} (one segment, no
 * {@code /}) or {@code {name:regex}} (the regex, which may span segments: {@code {tail:.*}})
 * parameters. Matched against the path as {@link Request#matchPath} gives it: decoded, except
 * that {@code %2F} and {@code %25} stay encoded, so an encoded slash never splits a segment;
 * parameter values are then fully decoded.
 */
final class PathTemplate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String source;
    private final Pattern pattern;
    private final List<String> names;

    private PathTemplate(String source, Pattern pattern, List<String> names) {
        this.source = source;
        this.pattern = pattern;
        this.names = names;
    }

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException if it does not start with {@code /}, has unbalanced
     *     braces, a bad or repeated parameter name, or a regex that does not compile
     */
    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int strayClose = template.indexOf('}', i);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                throw new IllegalArgumentException("unbalanced '}' in path template " + template);
            }
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            if (open > i) {
                regex.append(Pattern.quote(template.substring(i, open)));
            }
            int close = closingBrace(template, open);
            String inner = template.substring(open + 1, close);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String paramRegex = colon < 0 ? "[^/]+" : inner.substring(colon + 1);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad parameter name \"" + name + "\" in path template " + template);
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("parameter \"" + name + "\" appears twice in path template " + template);
            }
            if (paramRegex.isEmpty()) {
                throw new IllegalArgumentException("empty regex for parameter \"" + name + "\" in path template " + template);
            }
            names.add(name);
            // A non-capturing wrapper keeps the user's own groups from shifting ours.
            regex.append("(?<").append(name).append(">(?:").append(paramRegex).append("))");
            i = close + 1;
        }
        try {
            return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex in path template " + template + ": " + e.getDescription(), e);
        }
    }

    private static int closingBrace(String template, int open) {
        int depth = 0;
        for (int j = open; j < template.length(); j++) {
            char c = template.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unbalanced '{' in path template " + template);
    }

    /** The template as written. */
    String source() {
        return source;
    }

    /** Whether it has no parameters (matched by string equality). */
    boolean isStatic() {
        return names.isEmpty();
    }

    /**
     * The path a static template matches. Literal text is compared with {@link Request#matchPath}
     * as it is, so a template's {@code %2F} stands for an encoded slash.
     */
    String staticPath() {
        return source;
    }

    /**
     * The decoded parameters if {@code matchPath} matches the whole template, else null.
     *
     * @throws HttpException 400 if a parameter's value is not valid percent-encoded UTF-8
     */
    Map<String, String> match(String matchPath) {
        if (names.isEmpty()) {
            return matchPath.equals(source) ? Map.of() : null;
        }
        Matcher m = pattern.matcher(matchPath);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> params = new HashMap<>(names.size() * 2);
        for (String name : names) {
            params.put(name, PercentDecoding.decode(m.group(name), false));
        }
        return params;
    }

    @Override
    public String toString() {
        return source;
    }
}
