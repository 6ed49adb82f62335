package io.jasyncio.loop;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Debug mode's watchdog: reports a step that holds the loop too long while it is still stuck,
 * with the loop thread's stack at that moment, and again when it ends with how long it took.
 *
 * <p>asyncio only reports after the fact and without a stack; the stack taken while stuck is
 * what shows where the time goes (a blocking call, a busy loop).
 */
final class SlowStepWatchdog implements Runnable {
    /*
     * Implementation notes.
     *
     * The loop thread publishes (step, start, id) in volatile fields at the start of each step
     * and clears step at its end. The watchdog polls every quarter threshold and samples the
     * stuck step's stack at 1, 2, 4, 8... thresholds. Only the first sample is reported while
     * stuck (one stall, one report): the later ones are kept so that the report at the end names
     * where the step was last, and repeats the stack only if it moved, so a step that paused
     * briefly in one place and then blocked in another is blamed on the second. Samples reach
     * the loop thread as one immutable record tagged with the step id, so a sample taken just as
     * a step ended is never attached to the next one. Stacks are trimmed to the program's own
     * frames (UserFrames).
     */
    private final Thread loopThread;
    private final long thresholdNanos;
    private final Thread watcher;
    private volatile boolean stopped;
    private volatile Object step;
    private volatile long stepStart;
    private volatile long stepId;
    private long watchedId = -1;
    private long nextSampleAfter;
    private volatile Sample sample;

    /**
     * The latest stack of step {@code id} (trimmed, and the program's frame on top), and the
     * lines of the one reported while it was stuck.
     */
    private record Sample(long id, List<String> latest, String site, List<String> reported) {
    }

    private SlowStepWatchdog(Thread loopThread, Duration threshold) {
        this.loopThread = loopThread;
        this.thresholdNanos = threshold.toNanos();
        this.watcher = Thread.ofPlatform().daemon().name("jasyncio-watchdog-" + loopThread.getName()).unstarted(this);
    }

    static SlowStepWatchdog start(Thread loopThread, Duration threshold) {
        SlowStepWatchdog dog = new SlowStepWatchdog(loopThread, threshold);
        dog.watcher.start();
        return dog;
    }

    void begin(Object what, long startNanos) {
        stepStart = startNanos;
        stepId = stepId + 1;
        step = what;
    }

    void end(Object what, long tookNanos) {
        step = null;
        if (tookNanos > thresholdNanos) {
            StringBuilder msg = new StringBuilder("Executing ").append(what).append(" took ")
                    .append(String.format("%.3f", tookNanos / 1e9)).append(" seconds");
            Sample s = sample;
            if (s != null && s.id == stepId) {
                if (s.latest.equals(s.reported)) {
                    msg.append("; it was at ").append(s.site).append(" (stack reported while it was stuck)");
                } else {
                    msg.append("; it was last at:");
                    appendLines(msg, s.latest);
                }
            }
            BaseEventLoop.LOG.log(Level.WARNING, msg.toString());
        }
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(watcher);
        try {
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long pause = Math.max(1_000_000, thresholdNanos / 4);
        while (!stopped) {
            LockSupport.parkNanos(pause);
            Object what = step;
            long id = stepId;
            if (what == null) {
                continue;
            }
            if (id != watchedId) {
                watchedId = id;
                nextSampleAfter = thresholdNanos;
            }
            if (System.nanoTime() - stepStart <= nextSampleAfter) {
                continue;
            }
            StackTraceElement[] stack = loopThread.getStackTrace();
            if (step != what || stepId != id) {
                continue;
            }
            nextSampleAfter = nextSampleAfter > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nextSampleAfter * 2;
            List<String> lines = UserFrames.trim(stack);
            Sample previous = sample;
            if (previous != null && previous.id == id) {
                sample = new Sample(id, lines, UserFrames.site(stack), previous.reported);
                continue;
            }
            sample = new Sample(id, lines, UserFrames.site(stack), lines);
            StringBuilder msg = new StringBuilder().append(what).append(" has held the event loop for ")
                    .append((System.nanoTime() - stepStart) / 1_000_000).append(" ms and is still running; it is at:");
            appendLines(msg, lines);
            BaseEventLoop.LOG.log(Level.WARNING, msg.toString());
        }
    }

    private static void appendLines(StringBuilder msg, List<String> lines) {
        for (String line : lines) {
            msg.append("\n    ").append(line);
        }
    }
}
