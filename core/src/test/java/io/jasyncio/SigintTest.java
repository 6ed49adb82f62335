package io.jasyncio;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.sync.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C in {@link Asyncio#run} (asyncio.Runner's SIGINT handling): a child JVM runs
 * {@link Child}, the test sends it SIGINT with {@code kill -INT} and checks that the main task
 * was cancelled (its {@code finally} ran), that {@link KeyboardInterrupt} ends the JVM with
 * status 130 (or can be caught), and that a second Ctrl-C ends a main that ignored the first.
 * A signal needs a process of its own, hence the child JVM; every wait is bounded.
 */
class SigintTest {
    private static final long WAIT_SECONDS = 30;

    /** The child program: {@code Asyncio.run} of a main that says "ready" and sleeps 60 s. */
    public static final class Child {
        private Child() {
        }

        /**
         * Modes: {@code cleanup} (default), {@code catch} (catches KeyboardInterrupt), {@code ignore}
         * (ignores the first Ctrl-C), {@code shutdown} (main returns, leaving a task that refuses
         * to be cancelled at shutdown), {@code loophandler} (a loop SIGINT handler, removed after
         * its first call).
         */
        public static void main(String[] args) {
            String mode = args.length == 0 ? "cleanup" : args[0];
            if (mode.equals("catch")) {
                try {
                    runMain(mode);
                } catch (KeyboardInterrupt e) {
                    say("caught KeyboardInterrupt caused by " + e.getCause().getClass().getSimpleName());
                }
                return;
            }
            runMain(mode);
        }

        private static void runMain(String mode) {
            if (mode.equals("loophandler")) {
                Asyncio.run(() -> {
                    Event handled = new Event();
                    Asyncio.getRunningLoop().addSignalHandler("INT", () -> {
                        say("handled");
                        handled.set();
                    });
                    say("ready");
                    handled.await();
                    Asyncio.getRunningLoop().removeSignalHandler("INT");
                    say("removed");
                    try {
                        sleep(Duration.ofSeconds(60));
                    } finally {
                        say("cleanup");
                    }
                });
                return;
            }
            if (mode.equals("shutdown")) {
                Asyncio.run(() -> {
                    Asyncio.createTask(() -> {
                        while (true) {
                            try {
                                sleep(Duration.ofSeconds(60));
                            } catch (CancelledError e) {
                                say("refusing");
                            }
                        }
                    });
                    sleep(Duration.ZERO);
                });
                return;
            }
            Asyncio.run(() -> {
                say("ready");
                try {
                    if (mode.equals("ignore")) {
                        try {
                            sleep(Duration.ofSeconds(60));
                        } catch (CancelledError e) {
                            say("ignored");
                        }
                    }
                    sleep(Duration.ofSeconds(60));
                } finally {
                    say("cleanup");
                }
            });
        }

        private static void say(String line) {
            System.out.println(line);
            System.out.flush();
        }
    }

    @Test
    void ctrlCCancelsMainRunsItsCleanupAndExitsWith130() throws Exception {
        try (ChildProcess child = ChildProcess.start("cleanup")) {
            child.awaitLine("ready");
            child.sigint();
            assertEquals(130, child.awaitExit());
            assertTrue(child.lines().contains("cleanup"), child.lines().toString());
            assertTrue(child.lines().contains("KeyboardInterrupt"), child.lines().toString());
        }
    }

    @Test
    void keyboardInterruptCanBeCaughtAndCarriesTheCancellation() throws Exception {
        try (ChildProcess child = ChildProcess.start("catch")) {
            child.awaitLine("ready");
            child.sigint();
            assertEquals(0, child.awaitExit(), child.lines().toString());
            assertTrue(child.lines().contains("cleanup"), child.lines().toString());
            assertTrue(child.lines().contains("caught KeyboardInterrupt caused by CancelledError"), child.lines().toString());
        }
    }

    @Test
    void secondCtrlCEndsAMainThatIgnoredTheFirst() throws Exception {
        try (ChildProcess child = ChildProcess.start("ignore")) {
            child.awaitLine("ready");
            child.sigint();
            child.awaitLine("ignored");
            child.sigint();
            assertEquals(130, child.awaitExit(), child.lines().toString());
        }
    }

    @Test
    void ctrlCDuringShutdownEndsTheProgram() throws Exception {
        try (ChildProcess child = ChildProcess.start("shutdown")) {
            child.awaitLine("refusing");
            child.sigint();
            // Without the fix the JVM goes on until the 10 s shutdown timeout, then exits with 0.
            assertEquals(130, child.awaitExit(), child.lines().toString());
        }
    }

    @Test
    void aLoopSigintHandlerReplacesCtrlCUntilItIsRemoved() throws Exception {
        try (ChildProcess child = ChildProcess.start("loophandler")) {
            child.awaitLine("ready");
            child.sigint();
            child.awaitLine("handled");
            child.awaitLine("removed");
            child.sigint();
            assertEquals(130, child.awaitExit(), child.lines().toString());
            assertTrue(child.lines().contains("cleanup"), child.lines().toString());
        }
    }

    /** A child JVM running {@link Child}, its merged output read line by line. */
    private static final class ChildProcess implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final Thread reader;

        private ChildProcess(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        pending.add(line);
                    }
                } catch (IOException e) {
                    pending.add("<read failed: " + e + ">");
                }
            });
        }

        static ChildProcess start(String mode) throws IOException {
            String java = ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>();
            if (sigintIgnoredHere()) {
                // An ignored SIGINT is inherited and the JVM then refuses to handle it: reset it.
                command.addAll(List.of("env", "--default-signal=INT"));
            }
            command.addAll(List.of(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode));
            return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        void awaitLine(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    fail("no line '" + expected + "' from the child within " + WAIT_SECONDS + " s; saw " + seen
                            + (process.isAlive() ? "" : ", exit status " + process.exitValue()));
                }
                seen.add(line);
                if (line.equals(expected)) {
                    return;
                }
            }
        }

        void sigint() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "kill did not finish");
            assertEquals(0, kill.exitValue(), "kill -INT failed");
        }

        int awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the child did not exit within " + WAIT_SECONDS + " s");
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            pending.drainTo(seen);
            return process.exitValue();
        }

        List<String> lines() {
            pending.drainTo(seen);
            return seen;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        private static boolean sigintIgnoredHere() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("SigIgn:")) {
                        long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                        return (mask & (1L << (2 - 1))) != 0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // No procfs: assume the default disposition.
            }
            return false;
        }
    }
}
