package io.jasyncio;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.TimerHandle;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * One event loop for several {@link #run} calls, closed with an orderly shutdown: asyncio's
 * {@code Runner}. {@link Asyncio#run} is a runner used for one call.
 *
 * {@snippet :
 * try (Runner runner = new Runner()) {
 *     runner.run(() -> connect());      // both calls run on the same loop,
 *     String r = runner.run(() -> query());  // and the second sees the first's ContextVar sets
 * }                                     // close(): leftover tasks cancelled, loop closed
 * }
 *
 * <p>The loop is made on first use ({@link #run} or {@link #getLoop}). Each {@code run} starts
 * its main task in the runner's context, a copy of the caller's taken when the loop is made;
 * what the main task sets in it is seen by the next {@code run}. Tasks still running when a
 * {@code run} returns stay on the loop and go on at the next {@code run}. Ctrl-C during a
 * {@code run} on the main thread cancels its main task, as in {@link Asyncio#run}.
 *
 * <p>{@link #close()} cancels every task left and waits for them (at most
 * {@link RunOptions#shutdownTimeout()}), closes the async generators still open, shuts the
 * default executor down and closes the loop. A task started while this shutdown runs (by a
 * cancelled task's cleanup, or by a generator's {@code finally}) is cancelled too and waited
 * for in the same way: asyncio instead leaves such a task pending and reports "Task was
 * destroyed but it is pending!". Tasks that refuse to end by the timeout are reported
 * to the exception handler and abandoned with the loop. Loop-thread confined: one thread uses a
 * runner.
 *
 * <p><b>Differs from asyncio:</b> the shutdown is bounded (asyncio waits forever); a
 * {@code close()} before any use makes the runner unusable, where asyncio lets a never-used
 * runner be used after {@code close()}.
 */
public final class Runner implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * States CREATED -> INITIALIZED (loop made) -> CLOSED, as asyncio's _State. The context is
     * immutable here, so sharing one across runs means carrying the main task's final context
     * into the next run.
     *
     * Shutdown, as asyncio's _cancel_all_tasks: cancel every task still unfinished, run the loop
     * until they have all ended, report those that ended with an exception. Cleanup code may
     * start new tasks, so it repeats until a pass finds none, and once more after the generators
     * are closed. After options.shutdownTimeout() the tasks that refused to end are reported
     * (with their creation site in debug mode) and abandoned with the loop. This waiting runs
     * outside any task (runUntilComplete), so it cannot park on a ParkingLot.
     */
    private enum State { CREATED, INITIALIZED, CLOSED }

    private final RunOptions options;
    private State state = State.CREATED;
    private EventLoop loop;
    private Context context;
    /** The tasks a shutdown pass has dealt with: each is cancelled and reported once. */
    private final Set<Task<?>> shutDown = new LinkedHashSet<>();

    /** A runner with {@link RunOptions#defaults()}. */
    public Runner() {
        this(RunOptions.defaults());
    }

    /**
     * A runner whose loop {@code options} make and configure.
     *
     * @throws NullPointerException if {@code options} is null
     */
    public Runner(RunOptions options) {
        if (options == null) {
            throw new NullPointerException("options");
        }
        this.options = options;
    }

    /**
     * Runs {@code main} as a task on the runner's loop until it ends, and returns its result.
     *
     * @throws IllegalStateException if a loop is already running in this thread ({@code Runner.run()
     *         cannot be called from a running event loop}), or the runner is closed
     * @throws CancelledError if the main task was cancelled
     * @throws KeyboardInterrupt if Ctrl-C cancelled it
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of main;
     *         unchecked ones are rethrown as they are
     */
    public <T> T run(Callable<T> main) {
        if (main == null) {
            throw new NullPointerException("main");
        }
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        lazyInit();
        Task<T> task = startInContext(main);
        SigintHandler sigint = options.handleSigint() ? SigintHandler.installIfMainThread(loop, task) : null;
        try {
            return loop.runUntilComplete(task);
        } catch (CancelledError e) {
            if (sigint != null && sigint.fired() && task.uncancel() == 0) {
                SigintHandler.exitWith130IfUncaught();
                throw new KeyboardInterrupt(e);
            }
            throw e;
        } finally {
            context = task.getContext();
            if (sigint != null) {
                sigint.restore();
            }
        }
    }

    /**
     * {@link #run(Callable)} for a main with no result.
     *
     * @throws IllegalStateException as {@link #run(Callable)}
     */
    public void run(AsyncRunnable main) {
        run(Asyncio.asCallable(main));
    }

    /**
     * The runner's loop, made now if this is the first use.
     *
     * @throws IllegalStateException if the runner is closed
     */
    public EventLoop getLoop() {
        lazyInit();
        return loop;
    }

    /**
     * Shuts the loop down as the class comment says and closes it. Idempotent.
     *
     * @throws IllegalStateException if called while the loop runs (from a task of this runner)
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CREATED) {
            state = State.CLOSED;
            return;
        }
        if (loop.isRunning()) {
            throw new IllegalStateException("Runner.close() cannot be called while its loop runs");
        }
        try {
            cancelAllTasks();
            closeOpenGenerators();
            // A generator's finally blocks may have started tasks too.
            cancelAllTasks();
        } finally {
            try {
                loop.shutdownDefaultExecutor(options.shutdownTimeout());
            } finally {
                loop.close();
                state = State.CLOSED;
            }
        }
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        loop = options.newLoop();
        if (options.debug()) {
            loop.setDebug(true);
        }
        context = Context.current();
        state = State.INITIALIZED;
    }

    /** Creates the main task in the runner's context: a task takes the context current at its creation. */
    private <T> Task<T> startInContext(Callable<T> main) {
        try {
            return loop.createTask(main, "main", context);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("creating the main task failed", e);
        }
    }

    private void cancelAllTasks() {
        long deadline = loop.time() + options.shutdownTimeout().toNanos();
        Set<Task<?>> seen = new LinkedHashSet<>();
        // Cleanup code may start new tasks; each pass cancels and awaits what exists now.
        for (Set<Task<?>> pending = newTasks(seen); !pending.isEmpty() && loop.time() < deadline; pending = newTasks(seen)) {
            seen.addAll(pending);
            awaitCancelled(pending, deadline);
        }
        seen.addAll(newTasks(seen));
        shutDown.addAll(seen);
        for (Task<?> t : seen) {
            if (!t.isDone()) {
                loop.callExceptionHandler(new ExceptionContext("task " + t.getName()
                        + " refused cancellation when its Runner closed (at the end of Asyncio.run()) and was abandoned after "
                        + options.shutdownTimeout() + (t.creationSite == null ? " (run in debug mode to see where it was created)" : ""),
                        null, t, t.creationSite));
            } else if (!t.isCancelled() && t.exception() != null) {
                loop.callExceptionHandler(new ExceptionContext("unhandled exception during Asyncio.run() shutdown",
                        t.exception(), t, t.creationSite));
            }
        }
    }

    /** asyncio's shutdown_asyncgens: close what was started and never finished, in a task. */
    private void closeOpenGenerators() {
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

    private Set<Task<?>> newTasks(Set<Task<?>> seen) {
        Set<Task<?>> fresh = new LinkedHashSet<>(loop.allTasks());
        fresh.removeAll(seen);
        fresh.removeAll(shutDown);
        return fresh;
    }

    private void awaitCancelled(Set<Task<?>> tasks, long deadline) {
        for (Task<?> t : tasks) {
            t.cancel();
        }
        Future<Void> allEnded = loop.createFuture();
        int[] left = {tasks.size()};
        for (Task<?> t : tasks) {
            t.addDoneCallback(f -> {
                if (--left[0] == 0) {
                    allEnded.trySetResult(null);
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
