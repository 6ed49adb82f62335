package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * {@link UserFrames} (issue 8): reports name the program's own frames, not jasyncio's machinery,
 * the JDK's, or the test framework's below a reflective call.
 */
class UserFramesTest {
    private static StackTraceElement frame(String cls, String method, int line) {
        String file = cls.substring(cls.lastIndexOf('.') + 1).replaceAll("\\$.*", "") + ".java";
        return new StackTraceElement(cls, method, file, line);
    }

    private static StackTraceElement jdk(String cls, String method, int line) {
        return new StackTraceElement(null, "java.base", null, cls, method,
                cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    /** What a task's creation site looks like: jasyncio's constructors on top, the program below. */
    private static final StackTraceElement[] CREATION = {
            frame("io.jasyncio.Future", "<init>", 59),
            frame("io.jasyncio.Task", "<init>", 77),
            frame("io.jasyncio.loop.BaseEventLoop", "createTask", 120),
            frame("io.jasyncio.Asyncio", "createTask", 106),
            frame("com.example.Chat", "lambda$serve$0", 42),
            frame("io.jasyncio.Task", "doStep", 150),
            jdk("jdk.internal.vm.Continuation", "enter", 320),
            frame("io.jasyncio.loop.BaseEventLoop", "runOnce", 266),
            frame("io.jasyncio.Asyncio", "run", 61),
            frame("com.example.Chat", "main", 17),
    };

    @Test
    void siteIsTheFirstFrameOfTheProgram() {
        assertEquals("com.example.Chat.lambda$serve$0(Chat.java:42)", UserFrames.site(CREATION));
    }

    @Test
    void siteFallsBackToTheTopFrameWhenThereIsNoFrameOfTheProgram() {
        StackTraceElement[] onlyJasyncio = {frame("io.jasyncio.Task", "doStep", 150), jdk("java.lang.Thread", "run", 1)};
        assertEquals("io.jasyncio.Task.doStep(Task.java:150)", UserFrames.site(onlyJasyncio));
        assertEquals("unknown", UserFrames.site(new StackTraceElement[0]));
        StackTraceElement[] calledByAFramework = {frame("io.jasyncio.Task", "<init>", 77),
                jdk("java.lang.reflect.Method", "invoke", 565), frame("org.junit.Runner", "run", 1)};
        assertEquals("io.jasyncio.Task.<init>(Task.java:77)", UserFrames.site(calledByAFramework),
                "never a framework's frame below a reflective call");
    }

    @Test
    void trimKeepsTheCallIntoJasynciosApiThenTheProgramsFramesAndCountsTheRest() {
        assertEquals(List.of(
                        "io.jasyncio.Asyncio.createTask(Asyncio.java:106)",
                        "com.example.Chat.lambda$serve$0(Chat.java:42)",
                        "com.example.Chat.main(Chat.java:17)",
                        "(7 frames of jasyncio, the JDK or their callers left out)"),
                UserFrames.trim(CREATION));
    }

    @Test
    void aStuckStackShowsTheBlockingCallTheProgramMadeNotTheJdksInsides() {
        StackTraceElement[] stuck = {
                new StackTraceElement(null, "java.base", null, "java.lang.Thread", "sleep0", "Thread.java", -2),
                jdk("java.lang.Thread", "sleepNanos", 500),
                jdk("java.lang.Thread", "sleep", 590),
                frame("com.example.Worker", "crunch", 12),
                frame("io.jasyncio.Task", "doStep", 150),
        };
        List<String> lines = UserFrames.trim(stuck);
        assertEquals(List.of("java.lang.Thread.sleep(Thread.java:590)", "com.example.Worker.crunch(Worker.java:12)",
                "(3 frames of jasyncio, the JDK or their callers left out)"), lines);
    }

    @Test
    void nothingBelowAReflectiveCallIsShown() {
        StackTraceElement[] test = {
                frame("com.example.ChatTest", "serves", 30),
                jdk("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 104),
                jdk("java.lang.reflect.Method", "invoke", 565),
                frame("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", 767),
                frame("org.junit.jupiter.engine.execution.MethodInvocation", "proceed", 60),
        };
        assertEquals(List.of("com.example.ChatTest.serves(ChatTest.java:30)",
                "(4 frames of jasyncio, the JDK or their callers left out)"), UserFrames.trim(test));
    }

    @Test
    void atMostTwelveFramesOfTheProgramAreShown() {
        List<StackTraceElement> deep = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            deep.add(frame("com.example.Deep", "recurse", i + 1));
        }
        List<String> lines = UserFrames.trim(deep.toArray(StackTraceElement[]::new));
        assertEquals(UserFrames.MAX_FRAMES + 1, lines.size());
        assertEquals("(18 frames of jasyncio, the JDK or their callers left out)", lines.getLast());
    }

    @Test
    void aStackWithoutTheProgramIsKeptAsItIs() {
        StackTraceElement[] machinery = {frame("io.jasyncio.Task", "doStep", 150), jdk("java.lang.Thread", "run", 1)};
        assertEquals(List.of("io.jasyncio.Task.doStep(Task.java:150)", "java.lang.Thread.run(Thread.java:1)"),
                UserFrames.trim(machinery));
    }

    @Test
    void jasynciosOwnTestsAreTheProgramThoughTheyShareItsPackages() {
        StackTraceElement here = new Throwable().getStackTrace()[0];
        assertEquals("io.jasyncio.loop.UserFramesTest", here.getClassName());
        assertTrue(UserFrames.isProgram(here), "a test class, loaded from test-classes");
        assertFalse(UserFrames.isProgram(frame("io.jasyncio.loop.BaseEventLoop", "runOnce", 1)), "core, loaded from classes");
        assertFalse(UserFrames.isProgram(frame("io.jasyncio.testing.LoopHarness", "run", 1)), "the test kit");
    }

    @Test
    void framesPrintWithoutTheClassLoaderOrModulePrefix() {
        StackTraceElement app = new StackTraceElement("app", null, null, "com.example.A", "f", "A.java", 3);
        assertEquals("app//com.example.A.f(A.java:3)", app.toString(), "the JDK's own rendering, for contrast");
        assertEquals("com.example.A.f(A.java:3)", UserFrames.format(app));
        assertEquals("java.lang.Thread.sleep0(Native Method)",
                UserFrames.format(new StackTraceElement(null, "java.base", null, "java.lang.Thread", "sleep0", "Thread.java", -2)));
        assertEquals("com.example.A.f(Unknown Source)", UserFrames.format(new StackTraceElement("com.example.A", "f", null, -1)));
    }

    @Test
    void aLambdaIsDescribedByTheClassItIsWrittenIn() {
        Callable<String> lambda = () -> "x";
        Callable<String> reference = "x"::trim;
        assertEquals("lambda in io.jasyncio.loop.UserFramesTest", UserFrames.describe(lambda));
        assertEquals("lambda in io.jasyncio.loop.UserFramesTest", UserFrames.describe(reference));
        assertEquals("java.lang.Object", UserFrames.describe(new Object()));
    }
}
