package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jasyncio.Asyncio;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's code compiles against core, and every {@link Asyncio} method can be called after
 * {@code import static io.jasyncio.Asyncio.*} (issue 8: {@code wait(...)}, shown in the table,
 * could not, because every class inherits {@code Object.wait}).
 */
class ReadmeSnippetsTest {
    /** Methods every class inherits: a statically imported method of the same name is never reached. */
    private static final Set<String> OBJECT_METHODS = Set.of(
            "wait", "notify", "notifyAll", "equals", "hashCode", "toString", "getClass", "clone", "finalize");

    private static final String IMPORTS = """
            import static io.jasyncio.Asyncio.*;
            import io.jasyncio.*;
            import java.time.*;
            import java.util.*;
            import java.util.concurrent.Callable;
            """;

    @Test
    void theToursJavaBlocksCompile() throws Exception {
        List<String> blocks = javaBlocks(section("## A tour"));
        assertFalse(blocks.isEmpty(), "the tour has a ```java block");
        for (String block : blocks) {
            String body = block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
            assertCompiles(IMPORTS + "class Tour {\n" + body + "\n}\n");
        }
    }

    @Test
    void everyFacadeMethodResolvesToAsyncioAfterTheStaticImport() throws Exception {
        StringBuilder calls = new StringBuilder();
        Set<String> names = new LinkedHashSet<>();
        for (Method m : Asyncio.class.getMethods()) {
            if (m.getDeclaringClass() != Asyncio.class || !Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            names.add(m.getName());
            List<String> args = new ArrayList<>();
            for (Class<?> p : m.getParameterTypes()) {
                args.add(nullOf(p));
            }
            calls.append("        ").append(m.getName()).append('(').append(String.join(", ", args)).append(");\n");
        }
        String source = IMPORTS + "class Probe {\n    @SuppressWarnings(\"unchecked\")\n    void probe() throws Throwable {\n"
                + calls + "    }\n}\n";
        List<String> resolvedElsewhere = new ArrayList<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = task(source, diagnostics);
        Iterable<? extends CompilationUnitTree> units = task.parse();
        task.analyze();
        assertEquals(List.of(), errors(diagnostics), source);
        Trees trees = Trees.instance(task);
        for (CompilationUnitTree unit : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                    if (node.getMethodSelect().toString().equals("super")) {
                        return super.visitMethodInvocation(node, unused);
                    }
                    Element e = trees.getElement(getCurrentPath());
                    String owner = e == null ? "nothing" : e.getEnclosingElement().toString();
                    if (!owner.equals(Asyncio.class.getName())) {
                        resolvedElsewhere.add(node + " -> " + owner);
                    }
                    return super.visitMethodInvocation(node, unused);
                }
            }.scan(unit, null);
        }
        assertEquals(List.of(), resolvedElsewhere);
        assertTrue(names.contains("waitFutures") && !names.contains("wait"), names.toString());
    }

    @Test
    void theTableCallsNoMethodThatObjectHidesAndItsAsyncioFunctionsAreFacadeMethods() throws IOException {
        Set<String> facade = new LinkedHashSet<>();
        for (Method m : Asyncio.class.getMethods()) {
            if (m.getDeclaringClass() == Asyncio.class && Modifier.isStatic(m.getModifiers())) {
                facade.add(m.getName());
            }
        }
        Pattern code = Pattern.compile("`([^`]+)`");
        Pattern unqualifiedCall = Pattern.compile("(?<![\\w.])([a-z]\\w*)\\(");
        Pattern leadingCall = Pattern.compile("^([a-z]\\w*)\\(");
        Pattern asyncioFunction = Pattern.compile("asyncio\\.[a-z_]+");
        List<String> problems = new ArrayList<>();
        int rows = 0;
        for (String line : section("## asyncio → jasyncio").lines().toList()) {
            if (!line.startsWith("|") || line.startsWith("| ---") || line.startsWith("| asyncio |")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String python = cells[1];
            // After a dash the cell comments; it names methods of other types there.
            int comment = cells[2].indexOf(" — ");
            String java = comment < 0 ? cells[2] : cells[2].substring(0, comment);
            rows++;
            Matcher segments = code.matcher(cells[2]);
            while (segments.find()) {
                String segment = segments.group(1);
                Matcher calls = unqualifiedCall.matcher(segment);
                while (calls.find()) {
                    if (OBJECT_METHODS.contains(calls.group(1))) {
                        problems.add("`" + segment + "`: " + calls.group(1) + "(...) means Object." + calls.group(1) + " after the static import");
                    }
                }
            }
            if (!asyncioFunction.matcher(python).find()) {
                continue;
            }
            Matcher named = code.matcher(java);
            while (named.find()) {
                Matcher leading = leadingCall.matcher(named.group(1));
                if (leading.find() && !facade.contains(leading.group(1))) {
                    problems.add("`" + named.group(1) + "` stands for an asyncio function but " + leading.group(1) + " is not an Asyncio method");
                }
            }
        }
        assertTrue(rows > 40, "found the table: " + rows + " rows");
        assertEquals(List.of(), problems);
    }

    /** Shows what the test above guards against: the old spelling does not compile. */
    @Test
    void aStaticallyImportedWaitIsHiddenByObjectWait() throws Exception {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = task(IMPORTS + "class Hidden { void m(List<Future<String>> fs) { wait(fs); } }\n", diagnostics);
        task.analyze();
        // javac picks Object.wait(long) and complains about the argument.
        assertTrue(errors(diagnostics).stream().anyMatch(m -> m.contains("cannot be converted to long")), errors(diagnostics).toString());
    }

    private static String nullOf(Class<?> p) {
        if (p == long.class) {
            return "0L";
        }
        if (p == int.class) {
            return "0";
        }
        if (p == boolean.class) {
            return "false";
        }
        if (p.isPrimitive()) {
            throw new AssertionError("add a literal for " + p);
        }
        return "(" + p.getCanonicalName() + ") null";
    }

    private static void assertCompiles(String source) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = task(source, diagnostics);
        task.analyze();
        assertEquals(List.of(), errors(diagnostics), source);
    }

    private static JavacTask task(String source, DiagnosticCollector<JavaFileObject> diagnostics) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String className = source.substring(source.indexOf("class ") + 6).split("[\\s{]")[0];
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-proc:none", "-Xlint:none", "-classpath", coreClasses().toString());
        return (JavacTask) javac.getTask(null, null, diagnostics, options, null, List.of(file));
    }

    private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null))
                .toList();
    }

    private static Path coreClasses() {
        try {
            return Path.of(Asyncio.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The README from the section heading to the next heading of the same level. */
    private static String section(String heading) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "README.md above " + Path.of("").toAbsolutePath());
        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has " + heading);
        int end = readme.indexOf("\n## ", start + heading.length() + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> javaBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
