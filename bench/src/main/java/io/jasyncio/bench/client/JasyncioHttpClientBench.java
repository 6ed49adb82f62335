package io.jasyncio.bench.client;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.bench.BenchReport;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.PoolOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * jasyncio's program of the {@code http-client} workload: one {@link ClientSession} whose pool
 * allows {@code concurrency} connections, and {@code concurrency} tasks, each sending GETs and
 * reading the body until the count is used up, all on one loop thread. The same shape as the
 * aiohttp peer (bench/python/http_client.py), line for line.
 */
public final class JasyncioHttpClientBench {
    private JasyncioHttpClientBench() {
    }

    /** Usage: {@link ClientArgs}; prints the result line. */
    public static void main(String[] args) {
        ClientArgs a = ClientArgs.parse(args);
        double[] cpuUs = {-1};
        double seconds = Asyncio.run(() -> {
            try (ClientSession session = ClientSession.builder()
                    .pool(PoolOptions.DEFAULTS.withLimit(a.concurrency())).build()) {
                if (a.warmup() > 0) {
                    fetchAll(session, a, a.warmup());
                }
                long cpu = ClientCpu.nanos();
                long start = System.nanoTime();
                fetchAll(session, a, a.n());
                double secs = (System.nanoTime() - start) / 1e9;
                cpuUs[0] = ClientCpu.usPerRequest(cpu, ClientCpu.nanos(), a.n());
                return secs;
            }
        });
        BenchReport.of("http-client", "jasyncio", a.n()).put("requests", a.n()).put("seconds", seconds)
                .put("req_per_s", a.n() / seconds).put("concurrency", a.concurrency())
                .put("warmup_requests", a.warmup()).put("client_cpu_us_per_req", cpuUs[0]).print();
    }

    private static void fetchAll(ClientSession session, ClientArgs a, int count) {
        int[] left = {count}; // the loop thread's alone
        String url = a.url().toString();
        List<Task<Void>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(a.concurrency(), count); i++) {
            workers.add(Asyncio.createTask(() -> {
                while (left[0] > 0) {
                    left[0]--;
                    try (ClientResponse r = session.get(url)) {
                        byte[] body = r.bytes();
                        BenchReport.check(r.status() == 200, "status " + r.status());
                        BenchReport.check(a.expectBytes() < 0 || body.length == a.expectBytes(),
                                "body of " + body.length + " bytes");
                    }
                }
            }));
        }
        Asyncio.gather(workers);
    }
}
