package io.jasyncio.bench.client;

import io.jasyncio.bench.BenchReport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's peer of the {@code http-client} workload: one {@link HttpClient} (HTTP/1.1, its
 * executor a virtual thread per task) and {@code concurrency} virtual threads, each sending
 * blocking {@code send} GETs until the count is used up: the way the JDK suggests writing this
 * on virtual threads. The harness runs it with one carrier thread, pinned to one core.
 */
public final class JdkHttpClientBench {
    private JdkHttpClientBench() {
    }

    /** Usage: {@link ClientArgs}; prints the result line. */
    public static void main(String[] args) throws Exception {
        ClientArgs a = ClientArgs.parse(args);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build()) {
            HttpRequest request = HttpRequest.newBuilder(a.url()).GET().build();
            if (a.warmup() > 0) {
                fetchAll(client, request, a.warmup(), a);
            }
            long cpu = ClientCpu.nanos();
            long start = System.nanoTime();
            fetchAll(client, request, a.n(), a);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuUs = ClientCpu.usPerRequest(cpu, ClientCpu.nanos(), a.n());
            BenchReport.of("http-client", "virtual-threads", a.n()).put("requests", a.n()).put("seconds", seconds)
                    .put("req_per_s", a.n() / seconds).put("concurrency", a.concurrency())
                    .put("warmup_requests", a.warmup()).put("client_cpu_us_per_req", cpuUs).print();
        }
    }

    private static void fetchAll(HttpClient client, HttpRequest request, int count, ClientArgs a) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(count);
        Thread[] workers = new Thread[Math.min(a.concurrency(), count)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofVirtual().start(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        BenchReport.check(r.statusCode() == 200, "status " + r.statusCode());
                        BenchReport.check(a.expectBytes() < 0 || r.body().length == a.expectBytes(),
                                "body of " + r.body().length + " bytes");
                    } catch (Exception e) {
                        BenchReport.check(false, "GET failed: " + e);
                    }
                }
            });
        }
        for (Thread t : workers) {
            t.join();
        }
    }
}
