package io.jasyncio.loop;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stack traces cut down to the program's own frames, for debug and leak reports: where a task
 * was created ({@code com.example.App.main(App.java:42)}) and where a step holding the loop is
 * stuck, instead of a lambda's class name or thirty frames of the loop's machinery.
 *
 * <p>A frame is the program's unless it is jasyncio's (its library packages, loaded from
 * jasyncio's own jar or classes, or the {@code io.jasyncio.testing} kit) or the JDK's
 * ({@code java.*}, {@code jdk.*}, {@code sun.*}, {@code com.sun.*}, or a JDK module). Below the
 * first reflective call after the program's frames (a test framework or launcher calling in) is
 * left out too.
 *
 * <p>Thread-safe; never throws for a well-formed stack. asyncio prints whole tracebacks (its
 * {@code _format_callback_source} names only the callback's file and line).
 */
public final class UserFrames {
    /*
     * Implementation notes.
     *
     * Which package a class is in does not settle it: jasyncio's own tests live in jasyncio's
     * packages. So on the class path a class in one of core's packages counts as jasyncio's only
     * if it was loaded from where this class was (core's jar or target/classes), and one in
     * io.jasyncio.testing only if it was loaded from where the kit's LoopTest was (looked up by
     * name: core cannot depend on the kit). The kit counts as jasyncio's because its harness
     * frames sit between a test and the loop. On the module path the frame's module name says
     * it. Decisions are cached by class name: a report classifies the same few dozen classes
     * again and again.
     */
    /** The program's frames a trimmed stack shows at most. */
    static final int MAX_FRAMES = 12;

    private static final Set<String> LIBRARY_PACKAGES = Set.of("io.jasyncio", "io.jasyncio.loop",
            "io.jasyncio.sync", "io.jasyncio.queue", "io.jasyncio.stream", "io.jasyncio.stream.tls",
            "io.jasyncio.process", "io.jasyncio.internal");
    private static final String TEST_KIT = "io.jasyncio.testing";
    private static final String TEST_KIT_CLASS = TEST_KIT + ".LoopTest";
    private static final Map<String, Boolean> LIBRARY_CLASS = new ConcurrentHashMap<>();
    private static final URL HOME = location(UserFrames.class);

    private UserFrames() {
    }

    /**
     * Where {@code stack} enters the program: its first frame that is neither jasyncio's nor the
     * JDK's, as {@code class.method(File.java:line)}; the top frame if there is no such frame
     * above the first reflective call; {@code "unknown"} for an empty stack.
     *
     * @throws NullPointerException if {@code stack} is null
     */
    public static String site(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (isReflectiveCall(f)) {
                break;
            }
            if (isProgram(f)) {
                return format(f);
            }
        }
        return stack.length > 0 ? format(stack[0]) : "unknown";
    }

    /**
     * {@code stack} as report lines, top first: the call into jasyncio or the JDK the program
     * is in (when the top frame is not the program's, as for a blocking {@code Thread.sleep}),
     * then the program's frames (at most {@value #MAX_FRAMES}), then one line counting what was
     * left out. A stack with no frame of the program is kept as it is, up to the same count.
     *
     * @throws NullPointerException if {@code stack} is null
     */
    public static List<String> trim(StackTraceElement[] stack) {
        List<String> lines = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < stack.length && first < 0; i++) {
            if (isProgram(stack[i])) {
                first = i;
            }
        }
        if (first < 0) {
            for (int i = 0; i < stack.length && i < MAX_FRAMES; i++) {
                lines.add(format(stack[i]));
            }
            addLeftOut(lines, stack.length - lines.size());
            return lines;
        }
        if (first > 0) {
            lines.add(format(stack[first - 1]));
        }
        int shown = 0;
        for (int i = first; i < stack.length && shown < MAX_FRAMES; i++) {
            StackTraceElement f = stack[i];
            if (isReflectiveCall(f)) {
                break;
            }
            if (isProgram(f)) {
                lines.add(format(f));
                shown++;
            }
        }
        addLeftOut(lines, stack.length - lines.size());
        return lines;
    }

    /**
     * A short name for a piece of code, such as a task's callable: {@code lambda in
     * com.example.App} for a lambda or method reference (whose class name, {@code
     * App$$Lambda/0x...}, changes from run to run), else its class name.
     *
     * @throws NullPointerException if {@code code} is null
     */
    public static String describe(Object code) {
        String name = code.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda > 0 ? "lambda in " + name.substring(0, lambda) : name;
    }

    /** {@code class.method(File.java:line)}: the frame without the class loader or module prefix. */
    static String format(StackTraceElement f) {
        StringBuilder s = new StringBuilder(f.getClassName()).append('.').append(f.getMethodName()).append('(');
        if (f.isNativeMethod()) {
            s.append("Native Method");
        } else if (f.getFileName() == null) {
            s.append("Unknown Source");
        } else {
            s.append(f.getFileName());
            if (f.getLineNumber() >= 0) {
                s.append(':').append(f.getLineNumber());
            }
        }
        return s.append(')').toString();
    }

    private static void addLeftOut(List<String> lines, int count) {
        if (count > 0) {
            lines.add("(" + count + " frame" + (count == 1 ? "" : "s")
                    + " of jasyncio, the JDK or their callers left out)");
        }
    }

    static boolean isProgram(StackTraceElement f) {
        return !isJdk(f) && !isLibrary(f);
    }

    private static boolean isJdk(StackTraceElement f) {
        String module = f.getModuleName();
        if (module != null && (module.startsWith("java.") || module.startsWith("jdk."))) {
            return true;
        }
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.")
                || c.startsWith("sun.") || c.startsWith("com.sun.");
    }

    private static boolean isReflectiveCall(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.equals("java.lang.reflect.Method");
    }

    private static boolean isLibrary(StackTraceElement f) {
        if ("io.jasyncio".equals(f.getModuleName())) {
            return true;
        }
        String c = f.getClassName();
        int lambda = c.indexOf("$$Lambda");
        if (lambda > 0) {
            // A hidden class (shown only with -XX:+ShowHiddenFrames) belongs with its host.
            c = c.substring(0, lambda);
        }
        int dot = c.lastIndexOf('.');
        String pkg = dot < 0 ? "" : c.substring(0, dot);
        if (pkg.equals(TEST_KIT)) {
            return LIBRARY_CLASS.computeIfAbsent(c, name -> loadedFrom(name, kitHome()));
        }
        if (!LIBRARY_PACKAGES.contains(pkg)) {
            return false;
        }
        return LIBRARY_CLASS.computeIfAbsent(c, name -> loadedFrom(name, HOME));
    }

    /** Where the test kit was loaded from, or null if it is not on the class path. */
    private static URL kitHome() {
        try {
            return location(Class.forName(TEST_KIT_CLASS, false, UserFrames.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Whether {@code className} resolves to a class loaded from {@code home}; a class whose origin is unknown counts as loaded from there. */
    private static boolean loadedFrom(String className, URL home) {
        try {
            URL where = location(Class.forName(className, false, UserFrames.class.getClassLoader()));
            return where == null || home == null || where.equals(home);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static URL location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
