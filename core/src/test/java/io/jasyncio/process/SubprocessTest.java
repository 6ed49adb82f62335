package io.jasyncio.process;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.VoidBody;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link Subprocess} with real children ({@code cat}, {@code sh -c}, {@code true}/{@code false},
 * {@code yes | head}, {@code sleep}): pipes, redirects, exit status, signals, and backpressure.
 * Real processes need the real loop; every scenario is bounded.
 */
class SubprocessTest {
    static String s(byte[] b) {
        return new String(b, UTF_8);
    }

    static Subprocess sh(String script, SubprocessOptions options) throws IOException {
        return Subprocesses.createSubprocessShell(script, options);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void catEchoesItsInputThroughCommunicate(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            Subprocess.Output out = p.communicate("hello\nworld\n".getBytes(UTF_8));
            assertEquals("hello\nworld\n", s(out.stdout()));
            assertEquals("", s(out.stderr()));
            assertEquals(0, p.returncode());
            assertTrue(p.pid() > 0);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void trueAndFalseReportTheirExitStatus(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess t = Subprocesses.createSubprocessExec("true");
            Subprocess f = Subprocesses.createSubprocessExec("false");
            assertEquals(0, t.waitFor());
            assertEquals(1, f.waitFor());
            assertEquals(1, f.returncode());
            assertNull(t.stdin());
            assertNull(t.stdout());
            assertNull(t.stderr());
            assertEquals(0, t.waitFor(), "waiting again returns at once");
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void returncodeIsNullWhileTheChildRuns(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            sleep(Duration.ofMillis(50));
            assertNull(p.returncode());
            assertTrue(p.toString().contains("running"), p.toString());
            p.stdin().close();
            assertEquals(0, p.waitFor());
            assertTrue(p.toString().contains("returncode=0"), p.toString());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void yesThroughHeadGivesExactlyTheLinesAsked(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = sh("yes | head -n 10000", SubprocessOptions.pipes().withStdin(Redirect.DEVNULL));
            int lines = 0;
            for (byte[] line : p.stdout().lines()) {
                assertEquals("y\n", s(line));
                lines++;
            }
            assertEquals(10000, lines);
            assertEquals(0, p.waitFor());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void stdoutAndStderrArriveOnTheirOwnPipes(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = sh("echo out; echo err >&2; exit 3", SubprocessOptions.pipes());
            Subprocess.Output out = p.communicate(null);
            assertEquals("out\n", s(out.stdout()));
            assertEquals("err\n", s(out.stderr()));
            assertEquals(3, p.returncode());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void stderrRedirectedToStdoutSharesItsPipe(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = sh("echo out; echo err >&2", SubprocessOptions.pipes().withStderr(Redirect.STDOUT));
            assertNull(p.stderr());
            Subprocess.Output out = p.communicate(null);
            assertEquals("out\nerr\n", s(out.stdout()));
            assertNull(out.stderr());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void devnullGivesNoInputAndSwallowsOutput(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"),
                    SubprocessOptions.pipes().withStdin(Redirect.DEVNULL));
            assertNull(cat.stdin());
            assertEquals("", s(cat.stdout().read()));
            assertEquals(0, cat.waitFor());
            Subprocess loud = sh("echo lost; echo lost >&2", SubprocessOptions.pipes()
                    .withStdout(Redirect.DEVNULL).withStderr(Redirect.DEVNULL));
            Subprocess.Output out = loud.communicate(null);
            assertNull(out.stdout());
            assertNull(out.stderr());
            assertEquals(0, loud.returncode());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void anInteractiveChildAnswersEachLineAsItIsWritten(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            for (int i = 0; i < 5; i++) {
                cat.stdin().write(("ping " + i + "\n").getBytes(UTF_8));
                cat.stdin().drain();
                assertEquals("ping " + i + "\n", s(cat.stdout().readLine()));
            }
            assertTrue(cat.stdin().canWriteEof());
            cat.stdin().writeEof();
            assertEquals(0, cat.stdout().readLine().length);
            assertEquals(0, cat.waitFor());
            cat.stdin().waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void outputIsReadAsTheChildWritesIt(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = sh("echo one; sleep 0.2; echo two", SubprocessOptions.pipes());
            assertEquals("one\n", s(p.stdout().readLine()));
            assertNull(p.returncode(), "the child is still sleeping");
            assertEquals("two\n", s(p.stdout().readLine()));
            assertEquals(0, p.waitFor());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void killTerminateAndSendSignalEndASleepingChild(LoopHarness h) {
        h.runBounded(() -> {
            SubprocessOptions quiet = SubprocessOptions.defaults().withStdin(Redirect.DEVNULL);
            Subprocess killed = Subprocesses.createSubprocessExec(List.of("sleep", "30"), quiet);
            Subprocess terminated = Subprocesses.createSubprocessExec(List.of("sleep", "30"), quiet);
            Subprocess interrupted = Subprocesses.createSubprocessExec(List.of("sleep", "30"), quiet);
            Subprocess hungUp = Subprocesses.createSubprocessExec(List.of("sleep", "30"), quiet);
            killed.kill();
            terminated.terminate();
            interrupted.sendSignal(2);
            hungUp.sendSignal(1);
            assertEquals(128 + 9, killed.waitFor());
            assertEquals(128 + 15, terminated.waitFor());
            assertEquals(128 + 2, interrupted.waitFor());
            assertEquals(128 + 1, hungUp.waitFor());
            killed.kill();
            killed.sendSignal(2);
            assertThrows(IllegalArgumentException.class, () -> killed.sendSignal(0));
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aCancelledWaitForLeavesTheChildRunning(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            Task<Integer> waiting = createTask(cat::waitFor);
            sleep(Duration.ofMillis(20));
            waiting.cancel();
            assertThrows(CancelledError.class, waiting::await);
            cat.stdin().write("still here\n".getBytes(UTF_8));
            assertEquals("still here\n", s(cat.stdout().readLine()));
            cat.stdin().close();
            assertEquals(0, cat.waitFor());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void inputTheChildNeverReadsIsNotAnError(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = Subprocesses.createSubprocessExec(List.of("true"), SubprocessOptions.pipes());
            Subprocess.Output out = p.communicate(new byte[4 * 1024 * 1024]);
            assertEquals(0, p.returncode());
            assertEquals(0, out.stdout().length);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void communicateWithoutInputClosesStdin(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            Subprocess.Output out = cat.communicate(null);
            assertEquals(0, out.stdout().length);
            assertEquals(0, cat.returncode());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void directoryAndEnvironmentReachTheChild(LoopHarness h) {
        h.runBounded(() -> {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            Subprocess p = Subprocesses.createSubprocessExec(List.of("/bin/sh", "-c", "pwd; echo \"$GREETING\""),
                    SubprocessOptions.pipes().withDirectory(tmp).withEnvironment(Map.of("GREETING", "hi")));
            assertEquals(tmp + "\nhi\n", s(p.communicate(null).stdout()));
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aMissingProgramFailsToStart(LoopHarness h) {
        h.runBounded(() -> {
            assertThrows(IOException.class, () -> Subprocesses.createSubprocessExec("/nonexistent/program"));
            assertThrows(IllegalArgumentException.class, () -> Subprocesses.createSubprocessExec(List.of(),
                    SubprocessOptions.pipes()));
            Subprocess p = Subprocesses.createSubprocessExec(List.of("true"), SubprocessOptions.pipes().withStdin(Redirect.DEVNULL));
            assertThrows(IllegalArgumentException.class, () -> p.communicate(new byte[1]));
            p.communicate(null);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void theShellFormWithDefaultsInheritsTheStreams(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = Subprocesses.createSubprocessShell("exit 7");
            assertNull(p.stdout());
            assertEquals(7, p.waitFor());
        });
    }

    /** Regression (review of 2026-12-02): the input is dropped, as asyncio's closing pipe does. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void communicateAfterStdinWasHalfClosedDropsTheInputAndStillCollectsTheOutput(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            p.stdin().write("a".getBytes(UTF_8));
            p.stdin().writeEof();
            Subprocess.Output out = p.communicate("b".getBytes(UTF_8));
            assertEquals("a", s(out.stdout()));
            assertEquals(0, p.returncode());
        });
    }

    /** Regression (review of 2026-12-02): 2 * limit overflowed and paused the pipe after every chunk. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aReaderLimitOfIntegerMaxValueNeverPausesSoWaitForThenReadDoesNotDeadlock(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess p = sh("head -c 300000 /dev/zero", SubprocessOptions.pipes().withLimit(Integer.MAX_VALUE));
            p.stdin().close();
            assertEquals(0, p.waitFor());
            assertEquals(300000, p.stdout().read().length);
        });
    }
}
