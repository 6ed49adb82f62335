package io.jasyncio.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher behind {@code ./jasyncio examples}: listing, dispatch by name, unknown names. */
class ExamplesTest {
    /** Written out rather than read from the registry, so a dropped registration fails here. */
    private static final List<String> NAMES = List.of(
            "countasync", "countsync", "hello", "chained", "tasks", "waitfor", "future", "ascompleted", "blocking",
            "tothread", "httpclient", "generator", "contextvar", "workers", "sync", "echoprotocol",
            "echostreams", "echotls", "chat", "pipeline", "subprocess", "httpserver", "fetch", "crawl", "wschat",
            "portforward", "files");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String... args) throws Exception {
        try (PrintStream o = new PrintStream(out, true, UTF_8); PrintStream e = new PrintStream(err, true, UTF_8)) {
            return Examples.launch(args, o, e);
        }
    }

    @Test
    void listsEveryExampleWithADescription() throws Exception {
        assertEquals(0, launch());
        List<String> lines = out.toString(UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("usage: ./jasyncio examples NAME"), lines.get(0));
        List<String> entries = lines.subList(1, lines.size());
        assertEquals(NAMES, entries.stream().map(l -> l.strip().split("\\s+", 2)[0]).toList());
        for (String entry : entries) {
            String[] parts = entry.strip().split("\\s+", 2);
            assertEquals(2, parts.length, "no description: " + entry);
        }
        assertEquals("", err.toString(UTF_8));
    }

    @Test
    void rejectsAnUnknownNameWithStatus2AndTheKnownNames() throws Exception {
        assertEquals(2, launch("nosuchexample"));
        String message = err.toString(UTF_8);
        assertTrue(message.startsWith("unknown example: nosuchexample"), message);
        for (String name : NAMES) {
            assertTrue(message.contains(name), name + " missing from: " + message);
        }
        assertEquals("", out.toString(UTF_8));
    }

    @Test
    void runsTheNamedExample() throws Exception {
        Console.Output run = Console.run(args -> assertEquals(0, Examples.launch(args, System.out, System.err)), "future");
        assertEquals(List.of("done: false, cancelled: false", "done: true, cancelled: true", "result() threw CancelledError"),
                run.lines());
    }

    @Test
    void passesTheRemainingArgumentsToTheExample() throws Exception {
        long seed = ChainedTest.seedWhoseDrawsAreAllZero(2);
        Console.Output run = Console.run(args -> Examples.launch(args, System.out, System.err), "chained", "5", "--seed=" + seed);
        assertEquals("part1(5) sleeping for 0 seconds.", run.lines().get(0));
    }
}
