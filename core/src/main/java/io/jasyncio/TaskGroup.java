package io.jasyncio;

import io.jasyncio.loop.ExceptionContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A scope whose tasks all end before it does: asyncio's {@code TaskGroup} (Python 3.11+).
 *
 * <p>{@link #run(VoidBody)} runs a block in the current task; tasks made with
 * {@link #createTask} inside it run concurrently. When the block ends, the group waits for all
 * of them. The first task to fail cancels the others and the block itself; when everything has
 * ended, all the failures come back together in one {@link ExceptionGroup} (cancellations are
 * not failures). If the enclosing task is cancelled from outside, the group cancels its tasks,
 * waits for them, and the {@link CancelledError} propagates. Groups nest.
 *
 * {@snippet :
 * TaskGroup group = new TaskGroup();
 * group.run(() -> {
 *     Task<String> a = group.createTask(() -> fetch("a"));
 *     Task<String> b = group.createTask(() -> fetch("b"));
 * });                                      // both done here, or an ExceptionGroup was thrown
 * }
 *
 * <p><b>Differs from asyncio:</b> a block, not {@code async with} (try-with-resources cannot
 * replace the exception leaving the block; see docs/adr/0001-scopes-take-a-block.md). A group
 * runs one block, once. An exception thrown by the block itself joins the group's errors, as in
 * asyncio.
 *
 * <p>An {@link Error} other than {@link CancelledError} (such as {@link KeyboardInterrupt},
 * {@link OutOfMemoryError} or {@link StackOverflowError}) thrown by a task or by the block is
 * not wrapped: the group cancels the rest, waits for them, and rethrows that first Error on its
 * own, as asyncio does with {@code SystemExit} and {@code KeyboardInterrupt}. Java has no other
 * equivalent of Python's {@code BaseException}, so every such Error counts, including
 * {@link AssertionError}, which Python files under {@code Exception}.
 */
public final class TaskGroup {
    /*
     * Implementation notes.
     *
     * Follows asyncio 3.12's taskgroups.py state for state: `aborting` once the group started
     * cancelling its tasks; `parentCancelRequested` once the group cancelled its parent task
     * (so it must uncancel() it on exit, and the resulting CancelledError is not propagated
     * unless someone else cancelled the parent too). While tasks remain after the block, the
     * parent parks on `completed`, again after each wake-up or cancellation, because that wait
     * can itself be cancelled (repeatedly) from outside.
     */
    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private Task<?> parent;
    private EventLoop loop;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    /** Where the parent waits, after its block, for the last task to end. */
    private final ParkingLot completed = new ParkingLot(this);
    private Throwable baseError;
    private final Consumer<Future<?>> onTaskDone = f -> taskDone((Task<?>) f);

    /** A group not yet entered; {@link #run(VoidBody)} enters it. */
    public TaskGroup() {
    }

    /**
     * Runs {@code block} in the current task, then waits for every task of the group.
     *
     * @throws ExceptionGroup holding every failure of the tasks (and of the block) if any failed
     * @throws Error the first {@link Error} (not a cancellation) of a task or of the block, on its
     *         own and not in a group, after the other tasks were cancelled and have ended
     * @throws CancelledError if the enclosing task was cancelled from outside
     * @throws IllegalStateException if called outside a task or if this group was used before
     * @throws X never directly: an exception of the block is reported inside the ExceptionGroup
     */
    public <X extends Throwable> void run(VoidBody<X> block) throws X {
        call(() -> {
            block.run();
            return null;
        });
    }

    /**
     * Like {@link #run(VoidBody)}, returning the block's result when nothing failed.
     *
     * @throws ExceptionGroup holding every failure if any task (or the block) failed
     * @throws Error the first {@link Error} of a task or of the block, on its own (see the class doc)
     * @throws CancelledError if the enclosing task was cancelled from outside
     */
    public <T, X extends Throwable> T call(Body<T, X> block) throws X {
        enter();
        T result = null;
        Throwable error = null;
        try {
            result = block.call();
        } catch (Throwable e) {
            error = e;
        }
        exit(error);
        return result;
    }

    /**
     * Starts {@code coro} as a task of this group.
     *
     * @throws IllegalStateException if the group has not been entered, is finished, or is
     *         shutting down after a failure
     */
    public <T> Task<T> createTask(Callable<T> coro) {
        return createTask(coro, null);
    }

    /**
     * {@link #createTask(Callable)} for a coroutine with no result, so a block lambda that
     * returns nothing needs no {@code return null}.
     *
     * @throws IllegalStateException as {@link #createTask(Callable)}
     */
    public Task<Void> createTask(AsyncRunnable coro) {
        return createTask(Asyncio.asCallable(coro), null);
    }

    /**
     * {@link #createTask(AsyncRunnable)} with a name (null picks {@code Task-N}).
     *
     * @throws IllegalStateException as {@link #createTask(Callable)}
     */
    public Task<Void> createTask(AsyncRunnable coro, String name) {
        return createTask(Asyncio.asCallable(coro), name);
    }

    /**
     * Starts {@code coro} as a named task of this group (null picks {@code Task-N}).
     *
     * @throws IllegalStateException as {@link #createTask(Callable)}, with asyncio's messages
     *         ({@code TaskGroup ... has not been entered}, {@code is finished},
     *         {@code is shutting down})
     */
    public <T> Task<T> createTask(Callable<T> coro, String name) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        tasks.add(task);
        task.addDoneCallback(onTaskDone);
        return task;
    }

    /** The group's unfinished tasks. */
    public Set<Task<?>> tasks() {
        return Set.copyOf(tasks);
    }

    private void enter() {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        parent = Asyncio.currentTask();
        if (parent == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
        }
        loop = parent.loop();
        entered = true;
    }

    private void exit(Throwable blockError) {
        exiting = true;
        CancelledError propagateCancellation = blockError instanceof CancelledError c ? c : null;
        if (isBaseError(blockError) && baseError == null) {
            baseError = blockError;
        }
        if (blockError != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            try {
                completed.enqueue().await();
            } catch (CancelledError e) {
                if (!aborting) {
                    propagateCancellation = e;
                    abort();
                }
            }
        }
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagateCancellation = null;
        }
        if (baseError != null) {
            errors.clear();
            throw Timeout.sneaky(baseError);
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (blockError != null && !(blockError instanceof CancelledError)) {
            errors.add(blockError);
        }
        if (!errors.isEmpty()) {
            // A cancellation from outside (an enclosing timeout) that arrived while the group
            // failed would be lost under the ExceptionGroup: re-request it, keeping the count
            // stable, so it interrupts the parent's next wait (CPython 3.13).
            if (parent.cancelling() > 0) {
                parent.uncancel();
                parent.cancel();
            }
            List<Throwable> all = List.copyOf(errors);
            errors.clear();
            throw new ExceptionGroup("unhandled errors in a TaskGroup", all);
        }
    }

    /**
     * asyncio's _is_base_error (SystemExit, KeyboardInterrupt): here every Error but a
     * cancellation, since Java code is not meant to catch them either.
     */
    private static boolean isBaseError(Throwable e) {
        return e instanceof Error && !(e instanceof CancelledError);
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : List.copyOf(tasks)) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    private void taskDone(Task<?> task) {
        tasks.remove(task);
        if (tasks.isEmpty()) {
            completed.wakeAll();
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable e = task.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        if (isBaseError(e) && baseError == null) {
            baseError = e;
        }
        if (parent.isDone()) {
            loop.callExceptionHandler(new ExceptionContext(
                    "a task of a TaskGroup failed after its parent task finished", e, task, task.creationSite));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    @Override
    public String toString() {
        return "TaskGroup[tasks=" + tasks.size() + ", errors=" + errors.size()
                + (aborting ? ", aborting" : "") + (exiting ? ", exiting" : entered ? ", entered" : "") + "]";
    }
}
