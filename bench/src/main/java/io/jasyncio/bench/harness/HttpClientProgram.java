package io.jasyncio.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A client program of the {@code http-client} workload, without its pinning: it takes
 * {@code N --url URL --concurrency C --warmup W --expect-bytes B}
 * ({@link io.jasyncio.bench.client.ClientArgs}) and prints one result line with
 * {@code req_per_s}.
 */
sealed interface HttpClientProgram {
    /** The command up to (not including) the client arguments. */
    List<String> command(Env env);

    /**
     * A Java main class run with the harness's JVM flags plus {@code extraFlags}.
     *
     * @param mainClass the client's main class
     * @param extraFlags flags only this client gets (one carrier for virtual threads, Netty's native access)
     * @param libraries whether the peers' library jars (Netty's) join the class path
     */
    record Jvm(String mainClass, List<String> extraFlags, boolean libraries) implements HttpClientProgram {
        public Jvm {
            extraFlags = List.copyOf(extraFlags);
        }

        @Override
        public List<String> command(Env env) {
            return env.serverJavaCommand(mainClass, extraFlags, libraries);
        }
    }

    /**
     * bench/python/http_client.py (aiohttp's ClientSession) under the harness's Python.
     *
     * @param uvloop whether it runs on uvloop
     */
    record Aiohttp(boolean uvloop) implements HttpClientProgram {
        @Override
        public List<String> command(Env env) {
            List<String> cmd = new ArrayList<>(List.of(env.python().toString(), "-E", "-s",
                    env.benchDir().resolve("python").resolve("http_client.py").toString()));
            if (uvloop) {
                cmd.add("--uvloop");
            }
            return cmd;
        }
    }
}
