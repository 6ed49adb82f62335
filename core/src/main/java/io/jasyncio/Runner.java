package io.jasyncio;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.TimerHandle;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@link Asyncio#run}: a fresh loop, the main task, then an orderly shutdown. asyncio's
 * {@code asyncio.run} / {@code Runner}.
 */
final class Runner {
    /*
     * Implementation notes.
     *
     * Shutdown, as asyncio's _cancel_all_tasks: cancel every task still unfinished, run the loop
     * until they have all ended, report those that ended with an exception. Unlike asyncio it
     * does not wait forever: after options.shutdownTimeout() the tasks that refused to end are
     * reported (with their creation site in debug mode) and abandoned with the loop.
     */
    private Runner() {
    }

    static <T> T run(Callable<T> main, RunOptions options) {
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
        EventLoop loop = options.loopFactory().get();
        if (options.debug()) {
            loop.setDebug(true);
        }
        SigintHandler sigint = null;
        try {
            Task<T> task = loop.createTask(main, "main");
            if (options.handleSigint()) {
                sigint = SigintHandler.installIfMainThread(loop, task);
            }
            try {
                return loop.runUntilComplete(task);
            } catch (CancelledError e) {
                if (sigint != null && sigint.fired() && task.uncancel() == 0) {
                    SigintHandler.exitWith130IfUncaught();
                    throw new KeyboardInterrupt(e);
                }
                throw e;
            }
        } finally {
            try {
                cancelAllTasks(loop, options);
                closeOpenGenerators(loop);
            } finally {
                try {
                    loop.shutdownDefaultExecutor(options.shutdownTimeout());
                    // Closing removes the loop's signal handlers, which may put back this
                    // SIGINT handler: restore the JVM's only after that.
                    loop.close();
                } finally {
                    if (sigint != null) {
                        sigint.restore();
                    }
                }
            }
        }
    }

    private static void cancelAllTasks(EventLoop loop, RunOptions options) {
        long deadline = loop.time() + options.shutdownTimeout().toNanos();
        Set<Task<?>> seen = new LinkedHashSet<>();
        // Cleanup code may start new tasks; each pass cancels and awaits what exists now.
        for (Set<Task<?>> pending = loop.allTasks(); !pending.isEmpty() && loop.time() < deadline; pending = newTasks(loop, seen)) {
            seen.addAll(pending);
            awaitCancelled(loop, pending, deadline);
        }
        seen.addAll(loop.allTasks());
        for (Task<?> t : seen) {
            if (!t.isDone()) {
                loop.callExceptionHandler(new ExceptionContext("task " + t.getName()
                        + " refused cancellation at the end of Asyncio.run() and was abandoned after "
                        + options.shutdownTimeout() + (t.creationSite == null ? " (run in debug mode to see where it was created)" : ""),
                        null, t, t.creationSite));
            } else if (!t.isCancelled() && t.exception() != null) {
                loop.callExceptionHandler(new ExceptionContext("unhandled exception during Asyncio.run() shutdown",
                        t.exception(), t, t.creationSite));
            }
        }
    }

    /** asyncio's shutdown_asyncgens: close what was started and never finished, in a task. */
    private static void closeOpenGenerators(EventLoop loop) {
        Set<AsyncGenerator<?>> open = TaskRegistry.of(loop).openGenerators();
        if (open.isEmpty()) {
            return;
        }
        loop.runUntilComplete(loop.createTask(() -> {
            for (AsyncGenerator<?> g : open) {
                try {
                    g.close();
                } catch (Throwable e) {
                    loop.callExceptionHandler(new ExceptionContext(
                            "an error occurred while closing an async generator at the end of Asyncio.run()", e, g, null));
                }
            }
            return null;
        }, "close async generators"));
    }

    private static Set<Task<?>> newTasks(EventLoop loop, Set<Task<?>> seen) {
        Set<Task<?>> fresh = new LinkedHashSet<>(loop.allTasks());
        fresh.removeAll(seen);
        return fresh;
    }

    private static void awaitCancelled(EventLoop loop, Set<Task<?>> tasks, long deadline) {
        for (Task<?> t : tasks) {
            t.cancel();
        }
        Future<Void> allEnded = loop.createFuture();
        int[] left = {tasks.size()};
        for (Task<?> t : tasks) {
            t.addDoneCallback(f -> {
                if (--left[0] == 0 && !allEnded.isDone()) {
                    allEnded.setResult(null);
                }
            });
        }
        TimerHandle timer = loop.callAt(deadline, () -> allEnded.cancel());
        try {
            loop.runUntilComplete(allEnded);
        } catch (CancelledError timedOut) {
            // The tasks still running are reported by the caller.
        } finally {
            timer.cancel();
        }
    }
}
