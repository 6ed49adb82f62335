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
 * <p><b>Differs from Python:</b> a for-each loop does not close an iterator on {@code break};
 * use try-with-resources, or rely on the close at the end of {@code run}. The body emits with
 * {@code out.emit(v)} ({@code yield} is a Java keyword); {@code asend}/{@code athrow} are not
 * offered.
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
         * for.
         *
         * @throws GeneratorExit if the generator is being closed; let it propagate
         */
        void emit(T value);
    }

    private final Body<T> body;
    private final Coroutine coroutine;
    private State state = State.NEW;
    private T value;
    private boolean hasValue;
    private Throwable failure;
    private boolean closing;
    private boolean emittedWhileClosing;
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
            throw new IllegalStateException("the async generator ignored GeneratorExit and emitted again");
        }
        Throwable f = failure;
        failure = null;
        if (f != null && !(f instanceof GeneratorExit)) {
            throw Future.rethrowable(f);
        }
    }

    /** Whether the body has ended (or the generator was closed). */
    public boolean isDone() {
        return state == State.DONE;
    }

    private void advance() {
        if (state == State.RUNNING) {
            throw new IllegalStateException("the async generator is already running");
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

    private void emit(T v) {
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
    }

    @Override
    public String toString() {
        return "AsyncGenerator[" + state.name().toLowerCase() + "]";
    }
}
