package io.jasyncio.bench.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the peers' library jars on the harness's own class path: Netty's (the Netty echo and
 * HTTP servers) and Jackson's (the JSON of the Netty and JDK HttpServer peers of
 * {@code http-json}). The bench module depends on them, so Maven puts them there for the tests,
 * and {@code ./jasyncio bench} passes the module's resolved dependencies.
 */
final class NettyJars {
    private NettyJars() {
    }

    private static final Pattern COMMON = Pattern.compile("netty-common-(.+)\\.jar");

    /** The netty-*.jar and jackson-*.jar entries of {@code classPath} that exist. */
    static List<Path> find(String classPath) {
        return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(classPath)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .filter(p -> p.getFileName() != null
                        && (p.getFileName().toString().startsWith("netty-") || p.getFileName().toString().startsWith("jackson-"))
                        && p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                .toList();
    }

    /** The jars of {@link #find} on this JVM's class path, joined as a class path ("" if none). */
    static String classpath() {
        return String.join(File.pathSeparator, find(System.getProperty("java.class.path", "")).stream()
                .map(Path::toString).toList());
    }

    /** Whether {@code jars} can run the Netty epoll server here, with Netty's version when they can. */
    static Availability probe(List<Path> jars) {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Availability.missing("Netty's epoll transport needs Linux");
        }
        if (jars.isEmpty()) {
            return Availability.missing("the Netty jars are not on the harness's class path "
                    + "(run it as ./jasyncio bench, which resolves them with Maven)");
        }
        boolean nativeEpoll = jars.stream().anyMatch(p -> p.getFileName().toString().matches(
                "netty-transport-native-epoll-.*-linux-" + arch() + "\\.jar"));
        if (!nativeEpoll) {
            return Availability.missing("no netty-transport-native-epoll jar for linux-" + arch() + " among " + jars);
        }
        String version = jars.stream().map(p -> COMMON.matcher(p.getFileName().toString()))
                .filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse("unknown version");
        return Availability.of(version);
    }

    /** The classifier suffix of this machine's native jar (x86_64 or aarch_64). */
    private static String arch() {
        String a = System.getProperty("os.arch", "");
        return a.equals("aarch64") ? "aarch_64" : "x86_64";
    }
}
