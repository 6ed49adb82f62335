package io.jasyncio.examples;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.queue.Queue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web crawler and the web it crawls, in one process and no network: a local {@link HttpServer}
 * serves {@value #PAGES} HTML pages that link to each other, and {@value #WORKERS} crawler tasks
 * share one {@link ClientSession} and a work {@link Queue}, fetching each page once, extracting
 * its links and queueing the ones not seen yet, until the queue is done ({@link Queue#join}).
 * At most {@value #WORKERS} requests are in flight, and the pool holds at most that many
 * sockets. Prints a summary.
 *
 * <pre>
 * ./jasyncio examples crawl
 * serving 1000 pages on 127.0.0.1
 * crawled 1000 pages, 1999 links followed, 0 errors
 * at most 50 requests in flight, 50 connections opened, 1000 requests served
 * 1.20 seconds
 * </pre>
 */
public final class CrawlDemo {
    /** The pages the server has: {@code /page/0} to {@code /page/999}. */
    static final int PAGES = 1_000;
    /** Crawler tasks, so requests in flight at most, and the pool's connection limit. */
    static final int WORKERS = 50;
    private static final Pattern LINK = Pattern.compile("href=\"(/page/\\d+)\"");

    private CrawlDemo() {
    }

    /**
     * The pages a page links to: its two children in a binary tree over 0..PAGES-1 (so every page
     * is reachable from page 0) and one page further on, which is usually seen already.
     */
    static List<Integer> links(int page) {
        List<Integer> out = new ArrayList<>();
        for (int child : new int[] {2 * page + 1, 2 * page + 2}) {
            if (child < PAGES) {
                out.add(child);
            }
        }
        out.add((page * 7 + 3) % PAGES);
        return out;
    }

    /** The server's application: {@code GET /page/{n}} is an HTML page with the links of {@link #links}. */
    static Application site(int[] served) {
        Application app = new Application();
        app.get("/page/{n:\\d+}", request -> {
            int n = request.pathParam("n", Integer.class);
            if (n >= PAGES) {
                return Response.text(404, "no page " + n);
            }
            served[0]++;
            StringBuilder html = new StringBuilder("<html><body><h1>Page ").append(n).append("</h1>\n");
            for (int link : links(n)) {
                html.append("<a href=\"/page/").append(link).append("\">page ").append(link).append("</a>\n");
            }
            return Response.bytes(200, html.append("</body></html>\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "text/html; charset=utf-8");
        });
        return app;
    }

    /**
     * What a crawl found.
     *
     * @param pages pages fetched with a 200
     * @param links links followed out of them (seen or not)
     * @param errors pages that failed
     * @param maxInFlight the most requests in flight at once
     * @param connections connections the session's pool opened
     */
    record Summary(int pages, int links, int errors, int maxInFlight, int connections) {
    }

    /** Crawls from {@code base + "/page/0"} with {@link #WORKERS} tasks over one session. Suspends. */
    static Summary crawl(String base) {
        Queue<String> todo = new Queue<>();
        Set<String> seen = new HashSet<>();
        int[] counts = new int[5]; // pages, links, errors, in flight, max in flight: the loop thread's alone
        int[] connections = {0};
        try (ClientSession session = ClientSession.builder().baseUrl(base)
                .pool(PoolOptions.DEFAULTS.withLimit(WORKERS)).listener(new io.jasyncio.http.client.ClientListener() {
                    @Override
                    public void connectionCreated(io.jasyncio.http.client.Origin origin, java.net.InetSocketAddress remote) {
                        connections[0]++;
                    }
                }).build()) {
            seen.add("/page/0");
            todo.putNowait("/page/0");
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(Asyncio.createTask(() -> {
                    while (true) {
                        String path = todo.get();
                        counts[3]++;
                        counts[4] = Math.max(counts[4], counts[3]);
                        try (ClientResponse r = session.get(path)) {
                            String html = r.text();
                            if (r.status() == 200) {
                                counts[0]++;
                                Matcher m = LINK.matcher(html);
                                while (m.find()) {
                                    counts[1]++;
                                    if (seen.add(m.group(1))) {
                                        todo.putNowait(m.group(1));
                                    }
                                }
                            } else {
                                counts[2]++;
                            }
                        } catch (IOException e) {
                            counts[2]++;
                        } finally {
                            counts[3]--;
                            todo.taskDone();
                        }
                    }
                }));
            }
            todo.join();
            for (Task<Void> w : workers) {
                w.cancel();
            }
            Asyncio.gatherReturnExceptions(workers);
        }
        return new Summary(counts[0], counts[1], counts[2], counts[4], connections[0]);
    }

    /** Serves the pages, crawls them, prints the summary. */
    public static void main(String[] args) {
        Asyncio.run(() -> {
            int[] served = {0};
            HttpServer server = HttpServer.start(site(served), ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0));
            try {
                System.out.println("serving " + PAGES + " pages on 127.0.0.1");
                long start = System.nanoTime();
                Summary s = crawl("http://127.0.0.1:" + server.port());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.println("crawled " + s.pages() + " pages, " + s.links() + " links followed, " + s.errors() + " errors");
                System.out.println("at most " + s.maxInFlight() + " requests in flight, " + s.connections()
                        + " connections opened, " + served[0] + " requests served");
                System.out.printf(java.util.Locale.ROOT, "%.2f seconds%n", seconds);
            } finally {
                server.close();
            }
        });
    }
}
