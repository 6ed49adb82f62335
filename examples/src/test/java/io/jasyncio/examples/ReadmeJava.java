package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.util.JavacTask;
import io.jasyncio.Asyncio;
import io.jasyncio.http.Headers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The README's Java blocks, for the tests that check a section's code compiles: a section's
 * ```java blocks, and javac over one block as the statements of a method (its import lines kept
 * as imports), against core and jasyncio-http.
 */
final class ReadmeJava {
    /** What every block may use without importing it, as a reader would have it. */
    private static final String IMPORTS = """
            import static io.jasyncio.Asyncio.*;
            import io.jasyncio.*;
            import java.nio.file.*;
            import java.time.*;
            import java.util.*;
            """;

    private ReadmeJava() {
    }

    /** The ```java blocks of the section under {@code heading} (e.g. "## WebSocket"), which must exist. */
    static List<String> blocks(String heading) throws IOException {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has " + heading);
        int end = readme.indexOf("\n## ", start + heading.length());
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The compile errors of {@code block} as the body of a method that may throw anything (empty: it compiles). */
    static List<String> compileErrors(String block) throws IOException, URISyntaxException {
        String imports = block.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
        String body = block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
        String source = IMPORTS + imports + "\nclass Section {\n    void run() throws Exception {\n" + body + "\n    }\n}\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Section.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = classes(Asyncio.class) + File.pathSeparator + classes(Headers.class);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ((JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none", "-Xlint:none", "-classpath", classPath),
                null, List.of(file))).analyze();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null) + "\n" + source)
                .toList();
    }

    private static Path classes(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "README.md above " + Path.of("").toAbsolutePath());
        return dir.resolve("README.md");
    }
}
