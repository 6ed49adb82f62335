package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link CrawlDemo}: every page found once, at most 50 in flight and 50 connections, its summary. */
class CrawlDemoTest {
    @Test
    void everyPageIsReachableFromTheFirst() {
        Set<Integer> seen = new HashSet<>(List.of(0));
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(0));
        int links = 0;
        while (!todo.isEmpty()) {
            for (int next : CrawlDemo.links(todo.poll())) {
                links++;
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        assertEquals(CrawlDemo.PAGES, seen.size());
        assertEquals(1999, links);
    }

    @Test
    void crawlsTheThousandPagesWithAtMostFiftyInFlight() throws Exception {
        List<String> lines = Console.run(CrawlDemo::main).lines();
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("serving 1000 pages on 127.0.0.1", lines.get(0));
        assertEquals("crawled 1000 pages, 1999 links followed, 0 errors", lines.get(1));
        Matcher m = Pattern.compile("at most (\\d+) requests in flight, (\\d+) connections opened, 1000 requests served")
                .matcher(lines.get(2));
        assertTrue(m.matches(), lines.get(2));
        int inFlight = Integer.parseInt(m.group(1));
        int connections = Integer.parseInt(m.group(2));
        assertTrue(inFlight > 1 && inFlight <= CrawlDemo.WORKERS, lines.get(2));
        assertTrue(connections >= 1 && connections <= CrawlDemo.WORKERS, lines.get(2));
        assertTrue(lines.get(3).matches("\\d+\\.\\d\\d seconds"), lines.get(3));
    }
}
