package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.process.Subprocess;
import io.jasyncio.process.SubprocessOptions;
import io.jasyncio.process.Subprocesses;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Child processes with async pipes, after the examples of asyncio's subprocess documentation:
 * {@code sort} fed through {@code communicate}, a failing shell command's stderr and exit
 * status, a child's output read line by line as it comes, and three sleeping children waited
 * for together (about 0.5 s in all, not 1.5 s).
 */
public final class SubprocessDemo {
    private SubprocessDemo() {
    }

    /**
     * asyncio's {@code run(cmd)}: runs a shell command and describes its status and output. It
     * returns the text instead of printing it, so children run together report in a fixed order.
     */
    static String runShell(String cmd) throws IOException {
        Subprocess p = Subprocesses.createSubprocessShell(cmd, SubprocessOptions.pipes());
        Subprocess.Output out = p.communicate(null);
        StringBuilder report = new StringBuilder("['" + cmd + "' exited with " + p.returncode() + "]\n");
        if (out.stdout().length > 0) {
            report.append("[stdout]\n").append(new String(out.stdout(), UTF_8));
        }
        if (out.stderr().length > 0) {
            report.append("[stderr]\n").append(new String(out.stderr(), UTF_8));
        }
        return report.toString();
    }

    /** Runs the example; {@code ./jasyncio examples subprocess} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Subprocess sort = Subprocesses.createSubprocessExec(List.of("sort"), SubprocessOptions.pipes());
            byte[] sorted = sort.communicate("cherry\napple\nbanana\n".getBytes(UTF_8)).stdout();
            System.out.print("sort says:\n" + new String(sorted, UTF_8));

            System.out.print(runShell("echo to stderr >&2; exit 3"));

            Subprocess seq = Subprocesses.createSubprocessShell("for i in 1 2 3; do echo line $i; sleep 0.1; done",
                    SubprocessOptions.pipes());
            for (byte[] line : seq.stdout().lines()) {        // each line as the child writes it
                System.out.print("got " + new String(line, UTF_8));
            }
            seq.waitFor();

            long start = System.nanoTime();
            List<String> reports = gather(() -> runShell("sleep 0.5; echo one"),
                    () -> runShell("sleep 0.5; echo two"),
                    () -> runShell("sleep 0.5; echo three"));
            reports.forEach(System.out::print);                // gather keeps the order of its arguments
            System.out.println(String.format(Locale.ROOT, "three 0.5 s children together took %.2f seconds.",
                    (System.nanoTime() - start) / 1e9));
        });
    }
}
