package io.jasyncio;

import io.jasyncio.loop.CallbackLoop;
import io.jasyncio.loop.Handle;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * An event loop with tasks and futures: asyncio's {@code AbstractEventLoop}. Everything about
 * callbacks, timers and I/O is in {@link CallbackLoop}; this adds what needs {@link Task},
 * {@link Future} and {@link Context}.
 *
 * <p>Get one with {@link Asyncio#newEventLoop()}, {@link LoopKind#create()} or
 * {@link #getRunningLoop()}; {@code Asyncio.run} makes and closes its own.
 *
 * <p><b>Implementing a loop.</b> Every {@code EventLoop} is a
 * {@link io.jasyncio.loop.BaseEventLoop} (the shared scheduler) over an I/O backend and a
 * clock: {@code final class MyLoop extends BaseEventLoop implements EventLoop} with a
 * constructor that passes them is the whole class ({@link SelectorEventLoop} is one). The
 * methods here are defaults built on the scheduler; an implementation does not override them.
 *
 * <p><b>Threads.</b> As {@link CallbackLoop}: loop-confined except where that says otherwise.
 */
public interface EventLoop extends CallbackLoop {

    /**
     * Runs the loop until {@code future} is done and returns its result, as
     * {@link Future#result()} would.
     *
     * @throws IllegalStateException if the loop is closed, running, or stopped before the future
     *         was done, or another loop runs in this thread
     * @throws IllegalArgumentException if the future belongs to another loop
     */
    default <T> T runUntilComplete(Future<T> future) {
        if (isClosed()) {
            throw new IllegalStateException("the event loop is closed");
        }
        if (future.loop() != this) {
            throw new IllegalArgumentException("the future belongs to another event loop");
        }
        Consumer<Future<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.isDone()) {
            throw new IllegalStateException("event loop stopped before the future completed");
        }
        return future.result();
    }

    /**
     * Wraps {@code coroutine} in a task and runs the loop until it is done.
     *
     * @throws IllegalStateException as {@link #runUntilComplete(Future)}
     */
    default <T> T runUntilComplete(Callable<T> coroutine) {
        return runUntilComplete(createTask(coroutine));
    }

    /** A new pending future bound to this loop: asyncio's {@code loop.create_future()}. */
    default <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Wraps {@code coroutine} in a task scheduled to start in the next iteration, in a copy of
     * the current context.
     *
     * @throws IllegalStateException if the loop is closed
     * @throws NullPointerException if {@code coroutine} is null
     */
    default <T> Task<T> createTask(Callable<T> coroutine) {
        return new Task<>(this, coroutine, null, null);
    }

    /**
     * Like {@link #createTask(Callable)}, with a name (null picks {@code Task-N}).
     *
     * @throws IllegalStateException if the loop is closed
     * @throws NullPointerException if {@code coroutine} is null
     */
    default <T> Task<T> createTask(Callable<T> coroutine, String name) {
        return new Task<>(this, coroutine, name, null);
    }

    /**
     * Like {@link #createTask(Callable, String)}, with the task running in {@code context}
     * instead of the current one: asyncio's {@code create_task(coro, name=, context=)}.
     *
     * <p><b>Differs from asyncio:</b> a {@link Context} is immutable, so what the task sets is
     * seen by the task (and {@link Task#getContext()}) but not in {@code context} itself; asyncio
     * runs the task inside the very context object, which then shows the task's sets.
     *
     * @param name the task's name; null picks {@code Task-N}
     * @param context the context the task runs in; null means a copy of the current one
     * @throws IllegalStateException if the loop is closed
     * @throws NullPointerException if {@code coroutine} is null
     */
    default <T> Task<T> createTask(Callable<T> coroutine, String name, Context context) {
        return new Task<>(this, coroutine, name, context);
    }

    /**
     * Like {@link #callSoon(Runnable)}, with the callback running in {@code context} instead of
     * the current one: asyncio's {@code call_soon(callback, context=)}.
     *
     * @throws IllegalStateException if the loop is closed, or (debug) called from another thread
     * @throws NullPointerException if {@code callback} or {@code context} is null
     */
    default Handle callSoon(Runnable callback, Context context) {
        if (context == null) {
            throw new NullPointerException("context");
        }
        Context previous = currentContext();
        Context.setCurrentIn(this, context);
        try {
            return callSoon(callback);
        } finally {
            Context.setCurrentIn(this, previous);
        }
    }

    /**
     * The context of the callback or task step running now; the empty context between steps.
     * Loop-confined. {@link Context#current()} is the same on the loop thread.
     */
    default Context currentContext() {
        return Context.currentIn(this);
    }

    /** The task running now on this loop, or null between tasks. */
    default Task<?> currentTask() {
        return TaskRegistry.of(this).current();
    }

    /** A snapshot of this loop's unfinished tasks, oldest first. The loop holds them strongly until they finish. */
    default Set<Task<?>> allTasks() {
        return TaskRegistry.of(this).all();
    }

    /**
     * The loop running in the calling thread.
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    static EventLoop getRunningLoop() {
        EventLoop loop = runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop in thread " + Thread.currentThread().getName());
        }
        return loop;
    }

    /** The loop running in the calling thread, or null. */
    static EventLoop runningLoopOrNull() {
        return TaskRegistry.KERNEL.runningLoop() instanceof EventLoop loop ? loop : null;
    }
}
