package io.jasyncio.http.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus of malformed and ambiguous requests in {@code codec/request-corpus.txt}, read once
 * for every test that uses it: the codec's own test, the mutation fuzzer's seeds and the test
 * that sends each case to the real server. A line is {@code name<TAB>expected<TAB>bytes}, the
 * bytes with the escapes {@code \r \n \t \0 \\ \xHH} and {@code {{N|text}}} for text repeated N
 * times; blank lines and lines starting with {@code #} are skipped.
 */
public final class RequestCorpus {
    private static final String RESOURCE = "/codec/request-corpus.txt";
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\|(.*?)}}");

    /**
     * One case.
     *
     * @param name what it tests
     * @param expected the outcome it must get, as the corpus writes it
     * @param wire the bytes sent
     * @param line its line in the corpus file, for failure messages
     */
    public record Case(String name, String expected, byte[] wire, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    private RequestCorpus() {
    }

    /**
     * Every case, in file order.
     *
     * @throws IllegalStateException if the corpus is missing or a line is malformed
     */
    public static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (InputStream in = RequestCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                if (parts.length != 3) {
                    throw new IllegalStateException("corpus line " + (i + 1) + ": want name<TAB>expected<TAB>bytes");
                }
                out.add(new Case(parts[0], parts[1], unescape(expand(parts[2])), i + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String expand(String s) {
        Matcher m = REPEAT.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(sb).toString();
    }

    private static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }
}
