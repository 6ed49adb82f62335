package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.source.util.JavacTask;
import io.jasyncio.Asyncio;
import io.jasyncio.http.client.ClientSession;
import java.io.File;
import java.net.URI;
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
import org.junit.jupiter.api.Test;

/**
 * The README's client sections ("HTTP client", and the session example of "How many at a time"):
 * every ```java block that uses a {@code ClientSession} compiles against core and jasyncio-http,
 * as the statements of a method.
 */
class ReadmeHttpClientSectionsTest {
    private static final String IMPORTS = """
            import static io.jasyncio.Asyncio.*;
            import io.jasyncio.*;
            import java.nio.file.*;
            import java.time.*;
            import java.util.*;
            """;

    @Test
    void theClientBlocksCompile() throws Exception {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        for (String heading : List.of("## HTTP client", "## How many at a time")) {
            int start = readme.indexOf("\n" + heading + "\n");
            assertTrue(start >= 0, "README has " + heading);
            int end = readme.indexOf("\n## ", start + 5);
            Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                    .matcher(readme.substring(start, end < 0 ? readme.length() : end));
            int before = blocks.size();
            while (m.find()) {
                if (m.group(1).contains("ClientSession")) {
                    blocks.add(m.group(1));
                }
            }
            assertTrue(blocks.size() > before, heading + " shows a ClientSession");
        }
        for (String block : blocks) {
            String imports = block.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
            String body = block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
            String source = IMPORTS + imports + "\nclass ClientSection {\n    void client() throws Exception {\n" + body + "\n    }\n}\n";
            assertEquals(List.of(), compile(source), source);
        }
    }

    private static List<String> compile(String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ClientSection.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classPath = classes(Asyncio.class) + File.pathSeparator + classes(ClientSession.class);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ((JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none", "-Xlint:none", "-classpath", classPath),
                null, List.of(file))).analyze();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null))
                .toList();
    }

    private static Path classes(Class<?> c) throws Exception {
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
