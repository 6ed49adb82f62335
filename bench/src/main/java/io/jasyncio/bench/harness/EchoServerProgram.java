package io.jasyncio.bench.harness;

import java.util.ArrayList;
import java.util.List;

/** An echo server program the harness can start, without its pinning and its --port/--max-seconds arguments. */
sealed interface EchoServerProgram {
    /** The command that starts the server (the runner adds taskset, --port 0 and --max-seconds). */
    List<String> command(Env env);

    /**
     * A Java main class, run with exactly the harness's JVM flags (those jasyncio's other
     * workloads get) plus {@code extraFlags}.
     *
     * @param mainClass the server's main class
     * @param extraFlags flags only this server gets
     * @param netty whether the Netty jars join the class path
     * @param args the program's own arguments before the runner's (Netty's {@code --transport io_uring})
     */
    record Jvm(String mainClass, List<String> extraFlags, boolean netty, List<String> args) implements EchoServerProgram {
        public Jvm {
            extraFlags = List.copyOf(extraFlags);
            args = List.copyOf(args);
        }

        /** A server that takes no arguments of its own. */
        public Jvm(String mainClass, List<String> extraFlags, boolean netty) {
            this(mainClass, extraFlags, netty, List.of());
        }

        @Override
        public List<String> command(Env env) {
            List<String> cmd = new ArrayList<>(env.serverJavaCommand(mainClass, extraFlags, netty));
            cmd.addAll(args);
            return cmd;
        }
    }

    /**
     * bench/python/echo_server.py under the harness's Python.
     *
     * @param style "protocol" or "streams"
     * @param uvloop whether it runs on uvloop
     */
    record Python(String style, boolean uvloop) implements EchoServerProgram {
        public Python {
            if (!style.equals("protocol") && !style.equals("streams")) {
                throw new IllegalArgumentException("style is protocol or streams: " + style);
            }
        }

        @Override
        public List<String> command(Env env) {
            List<String> cmd = new ArrayList<>(List.of(env.python().toString(), "-E", "-s",
                    env.benchDir().resolve("python").resolve("echo_server.py").toString(), "--style", style));
            if (uvloop) {
                cmd.add("--uvloop");
            }
            return cmd;
        }
    }

    /**
     * A server not written yet; it is never started.
     *
     * @param reason what is missing, shown where its numbers would be
     */
    record NotYet(String reason) implements EchoServerProgram {
        @Override
        public List<String> command(Env env) {
            return List.of("(not available: " + reason + ")");
        }
    }
}
