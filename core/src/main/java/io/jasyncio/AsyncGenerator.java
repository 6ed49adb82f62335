package io.jasyncio;

import io.jasyncio.internal.Coroutine;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A generator whose body can both wait and produce values, consumed with a for-each loop in a
 * task: Python's async generator ({@code async def} with {@code yield}, {@code async for}).
 *
 * {@snippet :
 * try (AsyncGenerator<Integer> ticks = AsyncGenerator.of(out -> {
 *     for (int i = 0; ; i++) {
 *         sleep(Duration.ofSeconds(1));   // waits: the whole task suspends
 *         out.emit(i);                    // produces: control returns to the for-each
 *     }
 * })) {
 *     for (int tick : ticks) {
 *         if (tick == 3) break;           // close() then runs the body's finally blocks
 *     }
 * }
 * }
 *
 * <p>The body runs in a continuation nested inside the consuming task, not as a task of its own:
 * it starts at the first {@code hasNext()}, runs until it emits a value, ends or fails, and its
 * waits suspend the consuming task. Iterate it from one task. An exception of the body comes out
 * of {@code hasNext()} (a checked one wrapped in {@link java.util.concurrent.CompletionException});
 * a cancellation of the task while the body waits goes through the body, then to the consumer.
 *
 * <p>{@link #close()} (called by try-with-resources, so also on {@code break} and on exceptions)
 * throws {@link GeneratorExit} at the body's pending {@code emit} so its {@code finally} blocks
 * run. Generators started and still open when {@link Asyncio#run} ends are closed then, as
 * asyncio's {@code shutdown_asyncgens} does.
 *
 * <p>{@link #asend} and {@link #athrow} drive a generator by hand, as Python's: {@code emit}
 * returns the value given to {@code asend} (null when the value was taken by {@code next()}),
 * and {@code athrow} makes the pending {@code emit} throw.
 *
 * {@snippet :
 * AsyncGenerator<Integer> running = AsyncGenerator.of(out -> {
 *     int total = 0;
 *     while (true) {
 *         total += (Integer) out.emit(total);   // x = yield total
 *     }
 * });
 * running.asend(null);   // starts it: 0
 * running.asend(5);      // 5
 * running.asend(2);      // 7
 * }
 *
 * <p><b>Differs from Python:</b> a for-each loop does not close an iterator on {@code break};
 * use try-with-resources, or rely on the close at the end of {@code run}. The body emits with
 * {@code out.emit(v)} ({@code yield} is a Java keyword). The end of the generator is
 * {@link NoSuchElementException}, Python's {@code StopAsyncIteration}.
 *
 * @param <T> the type of the values
 */
public final class AsyncGenerator<T> implements Iterable<T>, Iterator<T>, AutoCloseable {
    /*
     * Implementation notes.
     *
     * States: NEW -> (RUNNING <-> PAUSED at an emit) -> DONE. advance() resumes the generator's
     * coroutine from the consumer; it returns when the body emits (hasValue), ends or throws
     * (failure). A wait inside the body yields the task's scope, which freezes consumer and
     * generator together, and the task's next step resumes both. close() on a PAUSED generator
     * sets `closing` and resumes it: emit() sees `closing` and throws GeneratorExit. While
     * started and not done, the generator is listed in the loop's TaskRegistry so Runner can
     * close it.
     */
    private enum State { NEW, RUNNING, PAUSED, DONE }

    /** The body of a generator: it emits values through {@code out} and may wait. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the body. */
        void run(Emitter<T> out) throws Exception;
    }

    /** What a generator's body emits its values through. */
    public interface Emitter<T> {
        /**
         * Hands {@code value} to the consumer and pauses the body until the next value is asked
         * for: Python's {@code yield} expression.
         *
         * @return the value given to {@link AsyncGenerator#asend}, or null if the consumer asked
         *         with {@code next()}
         * <p>It also throws whatever was given to {@link AsyncGenerator#athrow}, a checked
         * exception too, although the signature does not say so.
         *
         * @throws GeneratorExit if the generator is being closed; let it propagate
         */
        Object emit(T value);
    }

    private final Body<T> body;
    private final Coroutine coroutine;
    private State state = State.NEW;
    private T value;
    private boolean hasValue;
    private Throwable failure;
    private boolean closing;
    private boolean emittedWhileClosing;
    private Object sent;
    private Throwable thrown;
    private EventLoop loop;

    private AsyncGenerator(Body<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        this.body = body;
        this.coroutine = Coroutine.generator(this::runBody);
    }

    /** A generator over {@code body}; nothing runs until the first {@code hasNext()}. */
    public static <T> AsyncGenerator<T> of(Body<T> body) {
        return new AsyncGenerator<>(body);
    }

    /** This generator itself: it can be iterated once. */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /**
     * Runs the body until it emits the next value or ends. May suspend the calling task.
     *
     * @throws IllegalStateException if called outside a task or while the body runs
     */
    @Override
    public boolean hasNext() {
        if (hasValue) {
            return true;
        }
        if (state == State.DONE) {
            return false;
        }
        advance();
        return hasValue;
    }

    /**
     * The next value; may suspend the calling task.
     *
     * @throws NoSuchElementException if the body has ended
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the async generator has ended");
        }
        hasValue = false;
        T v = value;
        value = null;
        return v;
    }

    /**
     * Closes the generator: a body paused at an emit gets {@link GeneratorExit} there, and its
     * {@code finally} blocks run (they may wait). Idempotent.
     *
     * @throws IllegalStateException if the body emitted again after {@link GeneratorExit}, or
     *         if called while the body runs
     */
    @Override
    public void close() {
        if (state == State.NEW) {
            state = State.DONE;
            return;
        }
        if (state == State.DONE) {
            return;
        }
        closing = true;
        hasValue = false;
        value = null;
        advance();
        if (emittedWhileClosing) {
            throw new IllegalStateException("async generator ignored GeneratorExit");
        }
        Throwable f = failure;
        failure = null;
        if (f != null && !(f instanceof GeneratorExit)) {
            throw Future.rethrowable(f);
        }
    }

    /**
     * Resumes the body with {@code value} as the result of its pending {@code emit}, and returns
     * the next value it emits: Python's {@code asend}. The first call starts the body and must
     * send null. May suspend the calling task.
     *
     * @throws NoSuchElementException if the body ends without emitting (Python's
     *         {@code StopAsyncIteration}), or had ended already
     * @throws IllegalArgumentException if {@code value} is not null on a generator not started
     *         yet
     * @throws IllegalStateException if a value fetched by {@code hasNext()} was not taken with
     *         {@code next()}, or called while the body runs
     * @throws RuntimeException whatever the body throws (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public T asend(Object value) {
        checkNoBufferedValue();
        if (state == State.NEW && value != null) {
            throw new IllegalArgumentException("can't send non-null value to a just-started async generator");
        }
        if (state == State.DONE) {
            throw new NoSuchElementException("the async generator has ended");
        }
        sent = value;
        try {
            advance();
        } finally {
            sent = null;
        }
        return takeEmitted();
    }

    /**
     * Makes the body's pending {@code emit} throw {@code error}, and returns the next value the
     * body emits if it catches it: Python's {@code athrow}. On a generator not started yet the
     * body never runs: it is finished and {@code error} is thrown here. On a finished generator
     * it does nothing and returns null, as Python 3.11. May suspend the calling task.
     *
     * @throws NoSuchElementException if the body ends without emitting again
     * @throws RuntimeException {@code error} or whatever else the body throws (a checked one
     *         wrapped in {@link java.util.concurrent.CompletionException})
     * @throws IllegalStateException as {@link #asend}
     */
    public T athrow(Throwable error) {
        if (error == null) {
            throw new NullPointerException("error");
        }
        checkNoBufferedValue();
        if (state == State.NEW) {
            state = State.DONE;
            throw Future.rethrowable(error);
        }
        if (state == State.DONE) {
            return null;
        }
        thrown = error;
        try {
            advance();
        } finally {
            thrown = null;
        }
        return takeEmitted();
    }

    private void checkNoBufferedValue() {
        if (hasValue) {
            throw new IllegalStateException("a value fetched by hasNext() was not taken with next()");
        }
    }

    private T takeEmitted() {
        if (!hasValue) {
            throw new NoSuchElementException("the async generator has ended");
        }
        hasValue = false;
        T v = value;
        value = null;
        return v;
    }

    /** Whether the body has ended (or the generator was closed). */
    public boolean isDone() {
        return state == State.DONE;
    }

    private void advance() {
        if (state == State.RUNNING) {
            throw new IllegalStateException("asynchronous generator is already running");
        }
        if (state == State.NEW) {
            Task<?> task = Task.current();
            loop = task.loop();
            TaskRegistry.of(loop).generatorStarted(this);
        }
        state = State.RUNNING;
        coroutine.resume();
        if (coroutine.isDone()) {
            state = State.DONE;
            TaskRegistry.of(loop).generatorEnded(this);
            Throwable f = failure;
            if (f != null && !closing) {
                failure = null;
                throw Future.rethrowable(f);
            }
        } else {
            state = State.PAUSED;
        }
    }

    private void runBody() {
        try {
            body.run(this::emit);
        } catch (Throwable e) {
            failure = e;
        }
    }

    private Object emit(T v) {
        if (closing) {
            emittedWhileClosing = true;
            throw new GeneratorExit();
        }
        value = v;
        hasValue = true;
        Coroutine.yieldValue();
        if (closing) {
            throw new GeneratorExit();
        }
        Throwable t = thrown;
        if (t != null) {
            thrown = null;
            throw Timeout.sneaky(t);
        }
        Object s = sent;
        sent = null;
        return s;
    }

    @Override
    public String toString() {
        return "AsyncGenerator[" + state.name().toLowerCase() + "]";
    }
}
