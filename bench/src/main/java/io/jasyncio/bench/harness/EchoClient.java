package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The one load client of the echo workloads, bench/c/echo_client.c, compiled with gcc into
 * bench/target/echo-client when the binary is missing or older than its source.
 */
final class EchoClient {
    private EchoClient() {
    }

    /** The client's source, under the bench directory. */
    static final String SOURCE = "c/echo_client.c";
    /** The compiler command before the output and source paths. */
    static final List<String> GCC = List.of("gcc", "-O2", "-std=c11", "-Wall", "-Wextra", "-Werror");

    /**
     * The outcome of building the client.
     *
     * @param binary the executable, or null when it could not be built
     * @param error why not, or null
     */
    record Built(Path binary, String error) {
        boolean ok() {
            return binary != null;
        }
    }

    /** The client binary for {@code benchDir}, built now if needed; never throws. */
    static synchronized Built build(Path benchDir) {
        Path source = benchDir.resolve(SOURCE);
        Path binary = benchDir.resolve("target").resolve("echo-client");
        try {
            if (!Files.isRegularFile(source)) {
                return new Built(null, "the load client's source " + source + " is missing");
            }
            if (Files.isExecutable(binary)
                    && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return new Built(binary, null);
            }
            Files.createDirectories(binary.getParent());
            // build beside the target, then rename: a concurrent bench run never sees half a binary
            Path partial = Files.createTempFile(binary.getParent(), "echo-client-", ".partial");
            List<String> cmd = new java.util.ArrayList<>(GCC);
            cmd.addAll(List.of("-o", partial.toString(), source.toString()));
            Commands.Output out = Commands.run(cmd, 120);
            if (!out.ok()) {
                Files.deleteIfExists(partial);
                return new Built(null, "cannot build the load client (" + String.join(" ", cmd) + "): "
                        + (out.status() == -1 && out.output().contains("No such file") ? "gcc not found" : out.output()));
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Built(binary, null);
        } catch (IOException e) {
            return new Built(null, "cannot build the load client: " + e.getMessage());
        }
    }

    /** The gcc version line, for the report, or why there is none. */
    static String compilerVersion() {
        Commands.Output out = Commands.run(List.of("gcc", "--version"), 30);
        return out.ok() ? out.output().lines().findFirst().orElse("gcc") : "gcc not usable: " + out.output();
    }
}
