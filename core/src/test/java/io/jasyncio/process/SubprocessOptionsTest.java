package io.jasyncio.process;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.stream.StreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SubprocessOptions}: defaults, copies, and the redirects it refuses. */
class SubprocessOptionsTest {
    @Test
    void defaultsInheritEverythingAsAsyncioDoes() {
        SubprocessOptions d = SubprocessOptions.defaults();
        assertEquals(Redirect.INHERIT, d.stdin());
        assertEquals(Redirect.INHERIT, d.stdout());
        assertEquals(Redirect.INHERIT, d.stderr());
        assertEquals(StreamReader.DEFAULT_LIMIT, d.limit());
        assertNull(d.directory());
        assertNull(d.environment());
        SubprocessOptions p = SubprocessOptions.pipes();
        assertEquals(Redirect.PIPE, p.stdin());
        assertEquals(Redirect.PIPE, p.stdout());
        assertEquals(Redirect.PIPE, p.stderr());
    }

    @Test
    void withersChangeOneFieldEach() {
        SubprocessOptions o = SubprocessOptions.pipes().withStdin(Redirect.DEVNULL).withStdout(Redirect.INHERIT)
                .withStderr(Redirect.STDOUT).withLimit(5).withDirectory(Path.of("/tmp"));
        assertEquals(new SubprocessOptions(Redirect.DEVNULL, Redirect.INHERIT, Redirect.STDOUT, 5, Path.of("/tmp"), null), o);
        Map<String, String> env = new HashMap<>(Map.of("A", "1"));
        SubprocessOptions e = o.withEnvironment(env);
        env.put("B", "2");
        assertEquals(Map.of("A", "1"), e.environment(), "the environment is copied");
    }

    @Test
    void onlyStderrMayGoToStdoutAndTheLimitMustBePositive() {
        SubprocessOptions p = SubprocessOptions.pipes();
        assertThrows(IllegalArgumentException.class, () -> p.withStdin(Redirect.STDOUT));
        assertThrows(IllegalArgumentException.class, () -> p.withStdout(Redirect.STDOUT));
        assertThrows(IllegalArgumentException.class, () -> p.withLimit(0));
        assertThrows(NullPointerException.class, () -> p.withStderr(null));
    }
}
