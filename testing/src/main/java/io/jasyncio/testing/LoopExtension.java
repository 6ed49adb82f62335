package io.jasyncio.testing;

import io.jasyncio.Task;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.LoopKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link LoopTest}: one invocation per loop kind, each with a fresh
 * {@link LoopHarness}; after the test it drains the loop, fails the test on leaks or unhandled
 * errors (as uvloop's test base does), then cancels what is left and closes the loop.
 *
 * <p>{@code -Djasyncio.test.loops=selector} restricts every test to the kinds listed. A kind whose
 * module is not on the class path ({@link LoopKind#URING} without {@code jasyncio-uring}, as in
 * core's own build) gets no run; one whose module is there but cannot run on this machine
 * ({@link LoopKind#unavailableReason()}: an old kernel, io_uring disabled) gets one run that
 * JUnit reports as skipped with that reason. A test left with no run at all is reported as one
 * skipped run that says why.
 */
public final class LoopExtension implements TestTemplateInvocationContextProvider {
    /*
     * Implementation notes.
     *
     * The check runs before close (leaks) and after close (unhandled, file descriptors), because
     * close() is when futures whose exception was never retrieved are reported, and closing the
     * selector is what closes the descriptors of channels that were closed while registered.
     * Cleanup cancels leaked tasks and runs the loop a bounded number of iterations so their
     * continuations end; a test that leaked is failed whatever the cleanup achieves.
     */
    private static final int DRAIN_ITERATIONS = 100;

    /** Used by JUnit through {@link LoopTest}. */
    public LoopExtension() {
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(LoopTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        LoopTest spec = context.getRequiredTestMethod().getAnnotation(LoopTest.class);
        String only = System.getProperty("jasyncio.test.loops");
        List<LoopKind> allowed = only == null || only.isBlank() ? null
                : Arrays.stream(only.split(",")).map(LoopKind::parse).toList();
        List<Long> seeds = new ArrayList<>();
        String one = System.getProperty("jasyncio.test.seed");
        if (spec.seeds() > 0 && one != null && !one.isBlank()) {
            seeds.add(Long.parseLong(one.trim()));
        } else {
            seeds.add(null);
            for (long s = 1; s <= spec.seeds(); s++) {
                seeds.add(s);
            }
        }
        List<TestTemplateInvocationContext> runs = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (LoopKind k : new LinkedHashSet<>(Arrays.asList(spec.loops()))) {
            if (allowed != null && !allowed.contains(k)) {
                left.add(k + " (not in -Djasyncio.test.loops=" + only.trim() + ")");
            } else if (!k.isInstalled()) {
                left.add(k + " (its module is not on the class path)");
            } else if (k.unavailableReason() != null) {
                runs.add(new Skipped(k, k.unavailableReason()));
            } else {
                for (Long s : seeds) {
                    runs.add(new Invocation(k, s, spec.checkFds()));
                }
            }
        }
        if (runs.isEmpty()) {
            // JUnit 5.11 fails a template that yields no invocation; one skipped run says why instead.
            runs.add(new Skipped(null, "no loop of this test runs here: " + String.join(", ", left)));
        }
        return runs.stream();
    }

    /** A run that JUnit reports as skipped, with the reason. */
    private static final class Skipped implements TestTemplateInvocationContext {
        private final LoopKind kind;
        private final String reason;

        Skipped(LoopKind kind, String reason) {
            this.kind = kind;
            this.reason = reason;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return kind == null ? "[no loop]" : "[" + kind + " loop]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((ExecutionCondition) c -> ConditionEvaluationResult.disabled(reason));
        }
    }

    private static final class Invocation implements TestTemplateInvocationContext {
        private final LoopKind kind;
        private final Long seed;
        private final boolean checkFds;

        Invocation(LoopKind kind, Long seed, boolean checkFds) {
            this.kind = kind;
            this.seed = seed;
            this.checkFds = checkFds;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind + " loop" + (seed == null ? "" : ", seed " + seed + " (rerun: -Djasyncio.test.seed=" + seed + ")") + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new HarnessLifecycle(kind, seed, checkFds));
        }
    }

    private static final class HarnessLifecycle implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
        private final LoopKind kind;
        private final Long seed;
        private final boolean checkFds;
        private LoopHarness harness;
        private FileDescriptors fdsBefore;

        HarnessLifecycle(LoopKind kind, Long seed, boolean checkFds) {
            this.kind = kind;
            this.seed = seed;
            this.checkFds = checkFds;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            if (checkFds) {
                fdsBefore = FileDescriptors.snapshot();
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == LoopHarness.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            if (harness == null) {
                harness = new LoopHarness(kind, seed);
            }
            return harness;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            LoopHarness h = harness;
            if (h == null) {
                return;
            }
            harness = null;
            FileDescriptors before = fdsBefore;
            fdsBefore = null;
            if (h.loop().isRunning()) {
                throw new AssertionError("the test left its event loop running");
            }
            h.drain(DRAIN_ITERATIONS);
            List<String> problems = new ArrayList<>(LeakCheck.leaks(h.loop()));
            cleanUp(h);
            if (before != null) {
                // After cleanUp: closing the loop's selector is what finally closes the descriptors
                // of channels closed while registered with it.
                for (String fd : before.leaked()) {
                    problems.add("file descriptor left open: " + fd);
                }
            }
            for (ExceptionContext c : h.unhandled()) {
                problems.add("unhandled: " + c.message() + (c.exception() == null ? "" : " (" + c.exception() + ")"));
            }
            if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
                AssertionError failure = new AssertionError("the test left things behind on its " + kind
                        + " loop" + (seed == null ? "" : " (schedule seed " + seed + ")") + ":\n  " + String.join("\n  ", problems));
                for (ExceptionContext c : h.unhandled()) {
                    if (c.exception() != null) {
                        failure.addSuppressed(c.exception());
                    }
                }
                throw failure;
            }
        }

        private static void cleanUp(LoopHarness h) {
            for (Task<?> t : h.loop().allTasks()) {
                t.cancel();
            }
            for (int i = 0; i < DRAIN_ITERATIONS && !h.loop().allTasks().isEmpty(); i++) {
                h.loop().callSoon(h.loop()::stop);
                h.loop().runForever();
            }
            h.loop().close();
        }
    }
}
