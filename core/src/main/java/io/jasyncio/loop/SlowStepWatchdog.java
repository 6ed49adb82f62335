package io.jasyncio.loop;

import java.lang.System.Logger.Level;
import java.time.Duration;
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
     * and clears step at its end. The watchdog polls every quarter threshold; while one step
     * stays stuck it reports at 1, 2, 4, 8... thresholds, each time with a fresh stack, so a step
     * that paused briefly in one place and then blocked in another is blamed on the second. The
     * latest stack is handed back to the loop thread via stuckAt for the after-the-fact report.
     */
    private final Thread loopThread;
    private final long thresholdNanos;
    private final Thread watcher;
    private volatile boolean stopped;
    private volatile Object step;
    private volatile long stepStart;
    private volatile long stepId;
    private long watchedId = -1;
    private long nextReportAfter;
    private volatile StackTraceElement[] stuckAt;

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
        stuckAt = null;
        step = what;
    }

    void end(Object what, long tookNanos) {
        step = null;
        if (tookNanos > thresholdNanos) {
            StringBuilder msg = new StringBuilder("Executing ").append(what).append(" took ")
                    .append(String.format("%.3f", tookNanos / 1e9)).append(" seconds");
            StackTraceElement[] stack = stuckAt;
            if (stack != null) {
                msg.append("; it was stuck at:");
                appendStack(msg, stack);
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
                nextReportAfter = thresholdNanos;
            }
            if (System.nanoTime() - stepStart <= nextReportAfter) {
                continue;
            }
            StackTraceElement[] stack = loopThread.getStackTrace();
            if (step != what || stepId != id) {
                continue;
            }
            nextReportAfter = nextReportAfter > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nextReportAfter * 2;
            stuckAt = stack;
            StringBuilder msg = new StringBuilder().append(what).append(" has held the event loop for ")
                    .append((System.nanoTime() - stepStart) / 1_000_000).append(" ms and is still running; it is at:");
            appendStack(msg, stack);
            BaseEventLoop.LOG.log(Level.WARNING, msg.toString());
        }
    }

    private static void appendStack(StringBuilder msg, StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            msg.append("\n    at ").append(e);
        }
    }
}
