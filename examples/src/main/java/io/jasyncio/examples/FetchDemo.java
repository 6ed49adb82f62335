package io.jasyncio.examples;

import io.jasyncio.Asyncio;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.PoolOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches URLs with a {@link ClientSession}, at most N at a time, and prints for each its status,
 * content type and body length, in the order given: aiohttp's "fetch many URLs" answered with
 * {@link Asyncio#mapConcurrently}. On a terminal, a progress line on stderr counts them as they
 * finish; piped or redirected, there is none.
 *
 * <pre>
 * ./jasyncio examples fetch [--concurrency N] URL...      # N defaults to 10
 * 200 text/html; charset=UTF-8 1256 https://example.com/
 * ERR UnknownHostException: no.such.host http://no.such.host/
 * </pre>
 *
 * <p>A URL that fails (refused, unknown host, a timeout) prints {@code ERR} and what went wrong;
 * the others go on. The pool's limit equals the concurrency, so there are never more sockets
 * open than requests in flight.
 */
public final class FetchDemo {
    /** How often the progress line is redrawn at most. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(100);

    private FetchDemo() {
    }

    /**
     * What one URL gave.
     *
     * @param url the URL as given
     * @param status the status, or 0 when the request failed
     * @param contentType the Content-Type, or "-" without one
     * @param length the body's length in bytes (after gzip/deflate decoding)
     * @param error what went wrong, or null
     */
    record Result(String url, int status, String contentType, long length, String error) {
        /** The line printed for it. */
        String line() {
            return error != null ? "ERR " + error + " " + url : status + " " + contentType + " " + length + " " + url;
        }
    }

    /**
     * The command line: {@code --concurrency N} (default 10) and the URLs.
     *
     * @param concurrency requests in flight at most
     * @param urls the URLs, in order
     */
    record Args(int concurrency, List<String> urls) {
        static final String USAGE = "usage: fetch [--concurrency N] URL...  (N >= 1, default 10)";

        /** @throws IllegalArgumentException with {@link #USAGE} on a bad option or no URL */
        static Args parse(String[] args) {
            int concurrency = 10;
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--concurrency") && i + 1 < args.length) {
                    try {
                        concurrency = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(USAGE);
                    }
                } else if (args[i].startsWith("--")) {
                    throw new IllegalArgumentException(USAGE);
                } else {
                    urls.add(args[i]);
                }
            }
            if (urls.isEmpty() || concurrency < 1) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Args(concurrency, urls);
        }
    }

    /** Counts finished URLs and redraws one line on {@code out} (a terminal's stderr), at most every {@link #PROGRESS_INTERVAL}. */
    static final class Progress {
        private final PrintStream out;
        private final int total;
        private int done;
        private int failed;
        private long lastDraw = Long.MIN_VALUE;

        /** @param out where to draw, or null for no progress line */
        Progress(PrintStream out, int total) {
            this.out = out;
            this.total = total;
        }

        void finished(Result r) {
            done++;
            if (r.error() != null) {
                failed++;
            }
            long now = System.nanoTime();
            if (out != null && (done == total || now - lastDraw >= PROGRESS_INTERVAL.toNanos())) {
                lastDraw = now;
                out.print("\r" + text());
                if (done == total) {
                    out.print("\r" + " ".repeat(text().length()) + "\r");
                }
                out.flush();
            }
        }

        /** The line as drawn: "[done/total] failed F". */
        String text() {
            return "[" + done + "/" + total + "] failed " + failed;
        }
    }

    /** GETs {@code url} and counts its body as it streams in; failures become a {@link Result} too. */
    static Result fetch(ClientSession session, String url) {
        try (ClientResponse r = session.get(url)) {
            long length = 0;
            for (ByteBuffer chunk : r.chunks()) {
                length += chunk.remaining();
            }
            String type = r.headers().get("Content-Type");
            return new Result(url, r.status(), type == null ? "-" : type, length, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Result(url, 0, "-", 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Fetches every URL with at most {@code concurrency} in flight, over a session whose pool
     * holds at most that many connections; results in the order of {@code urls}. Suspends.
     */
    static List<Result> fetchAll(List<String> urls, int concurrency, Progress progress) {
        try (ClientSession session = ClientSession.builder().pool(PoolOptions.DEFAULTS.withLimit(concurrency)).build()) {
            return Asyncio.mapConcurrently(urls, concurrency, url -> {
                Result r = fetch(session, url);
                progress.finished(r);
                return r;
            });
        }
    }

    /** Whether stderr is a terminal (then the progress line is drawn). */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** Parses the arguments, fetches, prints one line per URL. */
    public static void main(String[] args) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            return;
        }
        Progress progress = new Progress(onTerminal() ? System.err : null, a.urls().size());
        List<Result> results = Asyncio.run(() -> fetchAll(a.urls(), a.concurrency(), progress));
        for (Result r : results) {
            System.out.println(r.line());
        }
    }
}
