package io.jasyncio.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The list of example programs and the launcher behind {@code ./jasyncio examples}: with no
 * argument it lists the examples, with a name it runs that example's {@code main} with the
 * remaining arguments. An unknown name prints the known ones and exits with status 2.
 */
public final class Examples {
    /** An example's entry point: its {@code main}. */
    @FunctionalInterface
    public interface Main {
        /** Runs the example. */
        void run(String[] args) throws Exception;
    }

    /** One runnable example: the name it is launched by, a one-line description, its main. */
    public record Example(String name, String description, Main main) {
    }

    private static final List<Example> ALL = List.of(
            new Example("countasync", "three concurrent count() tasks: their 1 s sleeps overlap, 1 s in all", CountAsync::main),
            new Example("countsync", "the synchronous twin with Thread.sleep: 3 s in all", CountSync::main),
            new Example("hello", "two tasks say Hello, wait together, then say World!", Hello::main),
            new Example("chained", "chains of part1 -> part2 with seeded random sleeps, run side by side", Chained::main),
            new Example("tasks", "say_after with createTask then await, and with gather", Tasks::main),
            new Example("waitfor", "a 400 s operation under a 1 s waitFor times out", WaitFor::main),
            new Example("future", "a bare future, cancelled: done and cancelled", FutureDemo::main),
            new Example("ascompleted", "asCompleted yields tasks in the order they finish", AsCompletedDemo::main),
            new Example("blocking", "Thread.sleep in tasks blocks the loop (3 s); sleep() does not (1 s)", Blocking::main),
            new Example("tothread", "a blocking JDBC-style query in toThread while a ticker keeps ticking", ToThreadDemo::main),
            new Example("httpclient", "three HttpClient.sendAsync requests awaited together against a local HttpServer", HttpClientDemo::main),
            new Example("generator", "an async generator that sleeps between values, filtered, taken and closed early", GeneratorDemo::main),
            new Example("contextvar", "a request id in a ContextVar: per task, carried to toThread, never shared", ContextVarDemo::main),
            new Example("workers", "three workers drain a bounded Queue; a Lock keeps a shared total right", WorkersDemo::main),
            new Example("sync", "Event, Semaphore, Barrier and Condition in one race", SyncDemo::main),
            new Example("echoprotocol", "an echo server and client written with protocols, over 127.0.0.1", EchoProtocolDemo::main),
            new Example("echostreams", "an echo server and client written with streams: lines, drain, half-close", EchoStreamsDemo::main),
            new Example("echotls", "a TLS echo server and client with streams and a certificate made at run time", EchoTlsDemo::main),
            new Example("chat", "a line chat server and three scripted clients: relay to everyone else, leaving announced", ChatDemo::main),
            new Example("pipeline", "printf | tr | sort, chained by tasks that copy with drain()", PipelineDemo::main),
            new Example("subprocess", "sort via communicate, a failing command's stderr, streamed lines, children run together", SubprocessDemo::main),
            new Example("httpserver", "an aiohttp-style web app: GET / hello, POST /echo, GET /stream (SSE); [--port N], Ctrl-C stops",
                    HttpServerDemo::main),
            new Example("fetch", "GET each URL with a ClientSession, N at a time: status, content type, body length "
                    + "([--concurrency N] URL...)", FetchDemo::main),
            new Example("crawl", "a local server with 1,000 linked pages, crawled with at most 50 requests in flight",
                    CrawlDemo::main),
            new Example("wschat", "a WebSocket chat server and three scripted clients; the server's shutdown closes with 1001",
                    WsChatDemo::main),
            new Example("portforward", "a TCP port forwarder with backpressure both ways (TARGET_HOST TARGET_PORT [LISTEN_PORT]; no args: a demo)",
                    PortForward::main),
            new Example("files", "SHA-256 of every file under a directory, many at once but at most N open ([--concurrency N] [DIR])",
                    FilesDemo::main));

    private Examples() {
    }

    /** Every example, in the order they are listed. */
    public static List<Example> all() {
        return ALL;
    }

    /** Lists the examples, or runs the one named by the first argument (exit status 2 if unknown). */
    public static void main(String[] args) throws Exception {
        int status = launch(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Lists the examples (no arguments) or runs the one named by {@code args[0]}, passing it the
     * rest of {@code args}. Separate from {@link #main} so tests can call it without exiting.
     *
     * @return the exit status: 0, or 2 for an unknown name
     * @throws Exception whatever the example throws
     */
    static int launch(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            out.println("usage: ./jasyncio examples NAME [ARGS...]");
            for (Example e : ALL) {
                out.println(String.format("  %-12s %s", e.name(), e.description()));
            }
            return 0;
        }
        for (Example e : ALL) {
            if (e.name().equals(args[0])) {
                e.main().run(Arrays.copyOfRange(args, 1, args.length));
                return 0;
            }
        }
        err.println("unknown example: " + args[0] + "; the examples are: "
                + ALL.stream().map(Example::name).collect(Collectors.joining(", ")));
        return 2;
    }
}
