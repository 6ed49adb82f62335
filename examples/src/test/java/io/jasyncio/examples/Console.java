package io.jasyncio.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an example's main in this JVM with {@code System.out} redirected to a buffer, and times it.
 * The examples print from the loop thread, which is the calling thread, so the swap sees it all.
 */
final class Console {
    private static final Pattern SECONDS = Pattern.compile("(\\d+\\.\\d\\d) seconds");
    private static final String LOOP_PROPERTY = "jasyncio.loop";

    /** What a run printed, line by line, and how long it took by the wall clock. */
    record Output(List<String> lines, double seconds) {
    }

    private Console() {
    }

    static Output run(Examples.Main main, String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (PrintStream capture = new PrintStream(buffer, true, UTF_8)) {
            System.setOut(capture);
            main.run(args);
        } finally {
            System.setOut(saved);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Output(buffer.toString(UTF_8).lines().toList(), seconds);
    }

    /**
     * {@link #run} on the virtual-time loop ({@code -Djasyncio.loop=virtual} for the call): the
     * examples time themselves on the loop's clock, so their figures are exact and no load on the
     * machine can stretch them.
     */
    static Output runVirtual(Examples.Main main, String... args) throws Exception {
        String saved = System.getProperty(LOOP_PROPERTY);
        System.setProperty(LOOP_PROPERTY, "virtual");
        try {
            return run(main, args);
        } finally {
            if (saved == null) {
                System.clearProperty(LOOP_PROPERTY);
            } else {
                System.setProperty(LOOP_PROPERTY, saved);
            }
        }
    }

    /** The "X.XX seconds" figure a line reports. */
    static double secondsIn(String line) {
        Matcher m = SECONDS.matcher(line);
        if (!m.find()) {
            throw new AssertionError("no \"X.XX seconds\" in: " + line);
        }
        return Double.parseDouble(m.group(1));
    }
}
