package io.jasyncio;

import io.jasyncio.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The asyncio API as static methods: {@code import static io.jasyncio.Asyncio.*;}.
 *
 * {@snippet :
 * static String count() {               // an ordinary method: it suspends where it waits
 *     System.out.println("One");
 *     sleep(Duration.ofSeconds(1));     // yields to the loop; Thread.sleep would block it
 *     System.out.println("Two");
 *     return "done";
 * }
 * public static void main(String[] args) {
 *     List<String> r = run(() -> gather(() -> count(), () -> count(), () -> count()));
 * }
 * }
 *
 * <p>Methods that wait ({@code sleep}, {@code gather}, {@code waitFutures}, {@code waitFor},
 * {@code shield}, {@code timeout}) must be called from a task, that is from code run by
 * {@link #run} or {@link #createTask}; they are cancellation points. Outside a task they throw
 * {@link IllegalStateException}.
 *
 * <p>Every method here can be called unqualified after the static import; that is why asyncio's
 * {@code wait} is {@link #waitFutures} (a static import never reaches past {@code Object.wait}).
 */
public final class Asyncio {
    private Asyncio() {
    }

    // ---- running ----

    /**
     * Runs {@code main} as a task on a new event loop and returns its result: asyncio's
     * {@code asyncio.run}. When it ends, the tasks still running are cancelled and awaited, and
     * the loop is closed. Ctrl-C cancels the main task; if that cancellation ends it, a
     * {@link KeyboardInterrupt} is thrown, which exits the JVM with status 130 if uncaught.
     *
     * <p>A task started while this shutdown runs (by a cancelled task's cleanup code, or an async
     * generator's {@code finally}) is cancelled as well and waited for; asyncio leaves such a
     * task pending and warns "Task was destroyed but it is pending!". See {@link Runner} for several runs on one loop.
     *
     * {@snippet :
     * String r = Asyncio.run(() -> {
     *     sleep(Duration.ofMillis(10));
     *     return "done";
     * });
     * }
     *
     * @throws IllegalStateException if a loop is already running in this thread
     * @throws CancelledError if the main task was cancelled
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of main;
     *         unchecked ones are rethrown as they are
     */
    public static <T> T run(Callable<T> main) {
        return run(main, RunOptions.defaults());
    }

    /**
     * {@link #run(Callable)} with options (loop kind, debug, shutdown timeout, Ctrl-C): a
     * {@link Runner} used for one call.
     *
     * @throws IllegalStateException as {@link #run(Callable)}
     */
    public static <T> T run(Callable<T> main, RunOptions options) {
        if (EventLoop.runningLoopOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner(options)) {
            return runner.run(main);
        }
    }

    /** {@link #run(Callable)} for a main with no result. */
    public static void run(AsyncRunnable main) {
        run(asCallable(main), RunOptions.defaults());
    }

    /** {@link #run(Callable, RunOptions)} for a main with no result. */
    public static void run(AsyncRunnable main, RunOptions options) {
        run(asCallable(main), options);
    }

    /**
     * The loop running in this thread.
     *
     * @throws IllegalStateException if there is none
     */
    public static EventLoop getRunningLoop() {
        return EventLoop.getRunningLoop();
    }

    /**
     * A new event loop, not running: asyncio's {@code new_event_loop()}. Its kind is the one
     * {@code -Djasyncio.loop} names ({@link LoopKind#fromSystemProperty()}, the selector loop by
     * default). The caller runs it ({@link EventLoop#runUntilComplete(Callable)}) and closes it.
     *
     * <p><b>Differs from asyncio:</b> there is no event loop policy and no {@code set_event_loop}:
     * a loop is the current one in a thread exactly while it runs there.
     *
     * @throws IllegalArgumentException if {@code -Djasyncio.loop} names no loop
     * @throws UnsupportedOperationException if it names {@code uring} and that loop cannot run
     *         here (the message says why; see {@link LoopKind#unavailableReason()})
     * @throws java.io.UncheckedIOException if the loop's selector cannot be opened
     */
    public static EventLoop newEventLoop() {
        return LoopKind.fromSystemProperty().create();
    }

    /**
     * The running loop's time in nanoseconds ({@link EventLoop#time()}).
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static long time() {
        return EventLoop.getRunningLoop().time();
    }

    // ---- tasks ----

    /**
     * Starts {@code coro} as a task on the running loop: asyncio's {@code create_task}.
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static <T> Task<T> createTask(Callable<T> coro) {
        return EventLoop.getRunningLoop().createTask(coro);
    }

    /** {@link #createTask(Callable)} with a name. */
    public static <T> Task<T> createTask(Callable<T> coro, String name) {
        return EventLoop.getRunningLoop().createTask(coro, name);
    }

    /**
     * {@link #createTask(Callable)} with a name and the context the task runs in: asyncio's
     * {@code create_task(coro, name=, context=)}; see
     * {@link EventLoop#createTask(Callable, String, Context)}.
     *
     * @param name the task's name; null picks {@code Task-N}
     * @param context the task's context; null means a copy of the current one
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static <T> Task<T> createTask(Callable<T> coro, String name, Context context) {
        return EventLoop.getRunningLoop().createTask(coro, name, context);
    }

    /** {@link #createTask(Callable)} for a coroutine with no result. */
    public static Task<Void> createTask(AsyncRunnable coro) {
        return EventLoop.getRunningLoop().createTask(asCallable(coro));
    }

    /**
     * {@link #createTask(Callable, String)} for a coroutine with no result.
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static Task<Void> createTask(AsyncRunnable coro, String name) {
        return EventLoop.getRunningLoop().createTask(asCallable(coro), name);
    }

    /** The task running now, or null if the caller is not in a task (or no loop runs). */
    public static Task<?> currentTask() {
        Task<?> running = Task.runningOrNull();
        if (running != null) {
            return running;
        }
        EventLoop loop = EventLoop.runningLoopOrNull();
        return loop == null ? null : loop.currentTask();
    }

    /**
     * The running loop's unfinished tasks.
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static Set<Task<?>> allTasks() {
        return EventLoop.getRunningLoop().allTasks();
    }

    /**
     * Suspends the current task for {@code delay}. A zero or negative delay yields to the loop
     * exactly once. A cancellation point.
     *
     * @throws IllegalStateException outside a task
     * @throws CancelledError if the task is cancelled while sleeping
     */
    public static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            Task.yieldNow();
            return;
        }
        Task<?> task = Task.current();
        EventLoop loop = task.loop();
        Future<Void> wake = loop.createFuture();
        TimerHandle timer = loop.callLater(delay, () -> wake.trySetResult(null));
        try {
            wake.await();
        } finally {
            timer.cancel();
        }
    }

    // ---- gather ----

    /**
     * Runs each coroutine as a task and waits for them all; returns their results in argument
     * order. The first failure is thrown at once while the other tasks keep running, as asyncio.
     * Cancelling the caller cancels them all.
     *
     * @throws IllegalStateException outside a task
     */
    @SafeVarargs
    @SuppressWarnings({"unchecked", "varargs"}) // the array is only read, through Arrays.asList
    public static <T> List<T> gather(Callable<? extends T>... coros) {
        return (List<T>) gatherFuture(tasksOf(Arrays.asList(coros)), false).await();
    }

    /**
     * {@link #gather(Callable[])} for coroutines with no result: runs each as a task and waits
     * for them all. Overload resolution picks the {@code Callable} form for lambdas that return
     * a value.
     *
     * @throws IllegalStateException outside a task
     */
    public static void gather(AsyncRunnable... coros) {
        List<Callable<?>> callables = new ArrayList<>(coros.length);
        for (AsyncRunnable r : coros) {
            callables.add(asCallable(r));
        }
        gatherFuture(tasksOf(callables), false).await();
    }

    /** {@link #gather(Callable[])} over futures or tasks that exist already. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
    public static <T> List<T> gather(Future<? extends T>... futures) {
        return gather(Arrays.asList(futures));
    }

    /**
     * {@link #gather(Callable[])} of nothing: an empty list at once, as asyncio's
     * {@code await gather()}. It does not suspend, so it needs no task.
     */
    public static <T> List<T> gather() {
        return new ArrayList<>();
    }

    /**
     * {@link #gather(Callable[])} over coroutines and futures together, as asyncio's
     * {@code gather(*aws)}: each argument is a {@link Future} (or {@link Task}), awaited as it
     * is, or a {@link Callable} or {@link AsyncRunnable}, started as a task (in argument order,
     * before any waiting). Results are in argument order; an {@link AsyncRunnable}'s is null.
     * Java gives a lambda no type among {@code Object}s, so a lambda needs a cast or a variable:
     *
     * {@snippet :
     * Task<String> running = createTask(() -> fetch("a"));
     * Callable<String> later = () -> fetch("b");
     * List<String> r = gather(running, later);
     * }
     *
     * @throws IllegalArgumentException if an argument is none of those, or the futures belong to
     *         different loops
     * @throws IllegalStateException outside a task
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> gather(Object... aws) {
        return (List<T>) gatherFuture(awaitables(Arrays.asList(aws)), false).await();
    }

    /** {@link #gather(Callable[])} over a collection of futures. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> gather(Collection<? extends Future<? extends T>> futures) {
        return (List<T>) gatherFuture(futures, false).await();
    }

    /**
     * Like {@link #gather(Collection)}, but failures and cancellations take the place of results
     * ({@code return_exceptions=True}): each element is a result or a {@link Throwable}. A task
     * that ended cancelled leaves a {@link CancelledError} without its cancel message, as in
     * asyncio 3.11-3.13; a cancelled plain future's keeps it.
     *
     * @throws IllegalStateException outside a task
     */
    public static List<Object> gatherReturnExceptions(Collection<? extends Future<?>> futures) {
        return gatherFuture(futures, true).await();
    }

    /** {@link #gatherReturnExceptions(Collection)} over coroutines, each run as a task. */
    public static List<Object> gatherReturnExceptions(Callable<?>... coros) {
        return gatherReturnExceptions(tasksOf(Arrays.asList(coros)));
    }

    /**
     * {@link #gatherReturnExceptions(Collection)} over coroutines and futures together, as
     * {@link #gather(Object...)} takes them.
     *
     * @throws IllegalArgumentException as {@link #gather(Object...)}
     * @throws IllegalStateException outside a task
     */
    public static List<Object> gatherReturnExceptions(Object... aws) {
        return gatherFuture(awaitables(Arrays.asList(aws)), true).await();
    }

    /**
     * The gathering itself as a future, without waiting: asyncio's {@code gather} return value.
     * Cancelling it cancels the children.
     *
     * @throws IllegalArgumentException if the futures belong to different loops
     * @throws IllegalStateException if no loop runs and {@code futures} is empty
     */
    public static GatheringFuture gatherFuture(Collection<? extends Future<?>> futures, boolean returnExceptions) {
        List<Future<?>> children = new ArrayList<>(futures);
        EventLoop loop = children.isEmpty() ? EventLoop.getRunningLoop() : children.get(0).loop();
        for (Future<?> f : children) {
            if (f.loop() != loop) {
                throw new IllegalArgumentException("The future belongs to a different loop than the one specified as the loop argument");
            }
        }
        return new GatheringFuture(loop, children, returnExceptions);
    }

    // ---- wait, asCompleted ----

    /**
     * Waits until all {@code futures} are done, or as {@code when} says, or until
     * {@code timeout} (null: none) passes; cancels nothing. asyncio's {@code wait}; a cancellation
     * point.
     *
     * <p><b>Differs from asyncio:</b> named {@code waitFutures}, not {@code wait}: every Java
     * object inherits {@code Object.wait}, which hides a statically imported {@code wait} in any
     * class, so {@code wait(fs)} could not be called after {@code import static
     * io.jasyncio.Asyncio.*}.
     *
     * {@snippet :
     * WaitResult<String> r = waitFutures(List.of(a, b), Duration.ofSeconds(1), ReturnWhen.FIRST_COMPLETED);
     * }
     *
     * @throws IllegalArgumentException if {@code futures} is empty ({@code Set of Tasks/Futures is empty.})
     * @throws NullPointerException if {@code when} is null
     * @throws IllegalStateException outside a task
     * @throws CancelledError if the caller is cancelled while it waits
     */
    public static <T> WaitResult<T> waitFutures(Collection<? extends Future<T>> futures, Duration timeout, ReturnWhen when) {
        if (when == null) {
            throw new NullPointerException("when");
        }
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        Set<Future<T>> fs = new LinkedHashSet<>(futures);
        EventLoop loop = Task.current().loop();
        ParkingLot lot = new ParkingLot(fs);
        int[] counter = {fs.size()};
        Consumer<Future<T>> onDone = f -> {
            counter[0]--;
            if (counter[0] <= 0 || when == ReturnWhen.FIRST_COMPLETED
                    || (when == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null)) {
                lot.wakeAll();
            }
        };
        ParkingLot.Waiter waiter = lot.enqueue();
        TimerHandle timer = timeout == null ? null : loop.callLater(timeout, lot::wakeAll);
        for (Future<T> f : fs) {
            f.addDoneCallback(onDone);
        }
        try {
            waiter.await();
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (Future<T> f : fs) {
                f.removeDoneCallback(onDone);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.isDone() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    /**
     * {@link #waitFutures(Collection, Duration, ReturnWhen)} until all are done, without timeout.
     *
     * @throws IllegalArgumentException if {@code futures} is empty
     * @throws IllegalStateException outside a task
     */
    public static <T> WaitResult<T> waitFutures(Collection<? extends Future<T>> futures) {
        return waitFutures(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * The futures in the order they complete: each {@code next()} of the iterator suspends until
     * one more is done and returns it. After {@code timeout} (null: none), {@code next()} throws
     * {@link AsyncTimeoutException}. asyncio's {@code as_completed}; iterate it once, in the task
     * that made it.
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures, Duration timeout) {
        return new AsCompleted<>(EventLoop.getRunningLoop(), List.copyOf(futures), timeout);
    }

    /** {@link #asCompleted(Collection, Duration)} without a timeout. */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures) {
        return asCompleted(futures, null);
    }

    // ---- timeouts ----

    /**
     * Runs {@code block} in the current task under a deadline {@code delay} from now (null:
     * none): asyncio's {@code async with timeout(delay)}. See {@link Timeout}.
     *
     * {@snippet :
     * String body = timeout(Duration.ofSeconds(5), () -> fetch(url));
     * }
     *
     * @throws AsyncTimeoutException if the deadline passes first; the block was cancelled and
     *         has ended
     * @throws X whatever the block throws
     */
    public static <T, X extends Throwable> T timeout(Duration delay, Body<T, X> block) throws X {
        return Timeout.after(delay).run(block);
    }

    /** {@link #timeout(Duration, Body)} for a block with no result. */
    public static <X extends Throwable> void timeout(Duration delay, VoidBody<X> block) throws X {
        Timeout.after(delay).run(block);
    }

    /** {@link #timeout(Duration, Body)} with a deadline in loop time ({@link EventLoop#time()}). */
    public static <T, X extends Throwable> T timeoutAt(long when, Body<T, X> block) throws X {
        return Timeout.at(when).run(block);
    }

    /** {@link #timeoutAt(long, Body)} for a block with no result. */
    public static <X extends Throwable> void timeoutAt(long when, VoidBody<X> block) throws X {
        Timeout.at(when).run(block);
    }

    /**
     * Runs {@code block} inline under a timeout (null: none): asyncio 3.12's {@code wait_for}
     * on a coroutine. On timeout the block is cancelled and has finished before this throws.
     *
     * <p>A zero or negative timeout never starts the block, as asyncio never starts the
     * coroutine: the caller yields to the loop once (asyncio waits for the never-started task
     * to end) and gets {@link AsyncTimeoutException}, whose cause is the {@link CancelledError}
     * the block would have got. So a block that never suspends cannot escape such a timeout.
     *
     * @throws AsyncTimeoutException if the timeout passed
     * @throws CancelledError if the caller is cancelled
     * @throws IllegalStateException outside a task
     * @throws X whatever the block throws
     */
    public static <T, X extends Throwable> T waitFor(Body<T, X> block, Duration timeout) throws X {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            Task.yieldNow();
            throw new AsyncTimeoutException("the timeout passed", new CancelledError());
        }
        return Timeout.after(timeout).run(block);
    }

    /**
     * Waits for {@code future} at most {@code timeout} (null: no limit): asyncio's
     * {@code wait_for}. On timeout the future is cancelled and, if it is a task, waited for until
     * it has finished; then {@link AsyncTimeoutException} is thrown. If the caller is cancelled,
     * so is the future.
     *
     * @throws AsyncTimeoutException if the timeout passed
     * @throws CancelledError if the caller was cancelled, or the future was cancelled by others
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            if (future.isDone()) {
                return future.result();
            }
            future.cancel();
            Future<Boolean> ended = future.loop().createFuture();
            future.addDoneCallback(f -> ended.setResult(true));
            ended.await();
            try {
                return future.result();
            } catch (CancelledError e) {
                throw new AsyncTimeoutException("the timeout passed", e);
            }
        }
        return Timeout.after(timeout).run(future::await);
    }

    // ---- shield ----

    /**
     * Waits for {@code inner} while protecting it from the caller's cancellation: asyncio's
     * {@code shield}. If the caller is cancelled, it gets {@link CancelledError} at once but
     * {@code inner} runs on.
     *
     * @throws CancelledError if the caller (or {@code inner} itself) was cancelled
     */
    public static <T> T shield(Future<T> inner) {
        return shieldFuture(inner).await();
    }

    /** {@link #shield(Future)} for a coroutine, started as a task. */
    public static <T> T shield(Callable<T> coro) {
        return shield(createTask(coro));
    }

    /**
     * The outer future of a shield, without waiting: cancelling it leaves {@code inner} running.
     * A done {@code inner} is returned as it is.
     */
    public static <T> Future<T> shieldFuture(Future<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.loop().createFuture();
        Consumer<Future<T>> innerDone = i -> {
            if (outer.isCancelled()) {
                if (!i.isCancelled()) {
                    i.markRetrieved();
                }
                return;
            }
            if (i.isCancelled()) {
                outer.cancel();
                return;
            }
            Throwable e = i.exception();
            if (e != null) {
                outer.setException(e);
            } else {
                outer.setResult(i.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    // ---- threads and JDK futures ----

    /**
     * Runs blocking {@code work} on a virtual thread of the loop's default executor and waits for
     * its result: asyncio's {@code to_thread}. The work runs in the caller's {@link Context}. A
     * cancellation point: cancelling the caller interrupts the worker.
     *
     * {@snippet :
     * String row = toThread(() -> jdbc.queryOne("select ..."));   // the loop runs on meanwhile
     * }
     *
     * @throws IllegalStateException outside a task
     * @throws CancelledError if the caller is cancelled
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the work
     */
    public static <T> T toThread(Callable<T> work) {
        return runInExecutor(null, work).await();
    }

    /**
     * Starts {@code work} on {@code executor} (null: the loop's default executor, a virtual thread
     * per call) and returns a future of its result, without waiting: asyncio's
     * {@code run_in_executor}. Cancelling the future interrupts the worker.
     *
     * @throws IllegalStateException if no loop runs in this thread
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the work
     */
    public static <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, Callable<T> work) {
        return ThreadBridge.runInExecutor(EventLoop.getRunningLoop(), executor, work);
    }

    /**
     * Waits for a JDK {@link CompletionStage} inside a task and returns its result. If the caller
     * is cancelled, the stage is cancelled too ({@code toCompletableFuture().cancel(true)}); if the
     * stage is cancelled, the caller gets {@link CancelledError}. A cancellation point.
     *
     * @throws IllegalStateException outside a task
     * @throws java.util.concurrent.CompletionException wrapping a checked failure of the stage;
     *         unchecked ones are rethrown as they are
     */
    public static <T> T await(CompletionStage<T> stage) {
        return wrapFuture(stage).await();
    }

    /**
     * A loop future that follows {@code stage}: asyncio's {@code wrap_future}. Cancelling it
     * cancels the stage.
     *
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return ThreadBridge.wrap(EventLoop.getRunningLoop(), stage);
    }

    /**
     * Submits {@code coro} to {@code loop} from any thread and returns a CompletableFuture of its
     * result: asyncio's {@code run_coroutine_threadsafe}. Cancelling the CompletableFuture
     * cancels the task.
     *
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Callable<T> coro, EventLoop loop) {
        return ThreadBridge.runCoroutineThreadsafe(coro, loop);
    }

    // ---- how many at a time ----

    /**
     * Applies {@code fn} to each item as a task, with at most {@code limit} tasks running at a
     * time, and returns the results in item order. The first failure cancels the tasks still
     * running and is thrown; an item that ends with {@link CancelledError} while the caller is not
     * being cancelled is such a failure, as in {@code gather}. This is the answer to "how many
     * requests can I send at a time":
     * asyncio's {@code gather} has no limit, and a million sockets opened at once run out of file
     * descriptors.
     *
     * {@snippet :
     * List<String> pages = mapConcurrently(urls, 100, url -> fetch(url));
     * }
     *
     * @throws IllegalArgumentException if {@code limit} is less than 1
     * @throws IllegalStateException outside a task
     */
    public static <I, T> List<T> mapConcurrently(Collection<? extends I> items, int limit, AsyncFunction<? super I, ? extends T> fn) {
        return Bounded.map(items, limit, fn, false).stream().map(o -> {
            @SuppressWarnings("unchecked")
            T t = (T) o;
            return t;
        }).toList();
    }

    /**
     * Like {@link #mapConcurrently}, but a failure does not cancel the others: every item is
     * processed and each element of the result is its value or what it threw: an
     * {@link Exception}, or a {@link CancelledError} when the item's own work was cancelled. Other
     * {@link Error}s are not collected; they propagate as in {@link #mapConcurrently}.
     *
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public static <I> List<Object> mapConcurrentlyCollectingErrors(Collection<? extends I> items, int limit, AsyncFunction<? super I, ?> fn) {
        return Bounded.map(items, limit, fn, true);
    }

    /**
     * {@link #gather(Callable[])} with at most {@code limit} coroutines running at a time; results
     * in argument order. The first failure cancels the rest.
     *
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public static <T> List<T> gather(int limit, List<? extends Callable<? extends T>> coros) {
        return mapConcurrently(coros, limit, Callable::call);
    }

    // ---- helpers ----

    private static List<Future<?>> awaitables(List<?> aws) {
        List<Future<?>> futures = new ArrayList<>(aws.size());
        EventLoop loop = null;
        for (Object a : aws) {
            if (a instanceof Future<?> f) {
                futures.add(f);
            } else if (a instanceof Callable<?> c) {
                loop = loop == null ? EventLoop.getRunningLoop() : loop;
                futures.add(loop.createTask(c));
            } else if (a instanceof AsyncRunnable r) {
                loop = loop == null ? EventLoop.getRunningLoop() : loop;
                futures.add(loop.createTask(asCallable(r)));
            } else {
                // The type only: a user object's toString() may throw.
                throw new IllegalArgumentException("A Future, a Callable or an AsyncRunnable is required, not "
                        + (a == null ? "null" : a.getClass().getName()));
            }
        }
        return futures;
    }

    private static List<Future<?>> tasksOf(List<? extends Callable<?>> coros) {
        EventLoop loop = EventLoop.getRunningLoop();
        List<Future<?>> tasks = new ArrayList<>(coros.size());
        for (Callable<?> c : coros) {
            tasks.add(loop.createTask(c));
        }
        return tasks;
    }

    static Callable<Void> asCallable(AsyncRunnable r) {
        if (r == null) {
            throw new NullPointerException("coroutine");
        }
        return () -> {
            r.run();
            return null;
        };
    }
}
