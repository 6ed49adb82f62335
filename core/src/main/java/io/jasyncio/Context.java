package io.jasyncio;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A snapshot of {@link ContextVar} values: Python's {@code contextvars.Context}.
 *
 * <p>Each task gets the context current where it was created; callbacks run in the context
 * current where they were scheduled; {@code toThread} runs its work in the caller's. This is
 * what replaces {@code ThreadLocal} and {@code ScopedValue} inside tasks, which are per loop
 * thread here.
 *
 * <p><b>Differs from Python:</b> a context is immutable. {@link ContextVar#set} replaces the
 * current context with a changed copy (so capturing a context costs nothing, as Python's HAMT
 * makes {@code copy_context} cheap); values set inside {@link #run} are therefore not visible in
 * this object afterwards.
 */
public final class Context {
    /*
     * Implementation notes.
     *
     * "Current" lives in the scheduler, reached through the Kernel: on a loop thread in the
     * running loop (swapped by handles and task steps), elsewhere in a ThreadLocal the scheduler
     * keeps, so callSoonThreadsafe can carry it. The scheduler stores it as an opaque Object and
     * null for EMPTY. Copy-on-write maps: contexts hold few variables, and sets are rare next to
     * captures.
     */
    /** The context with no values. */
    public static final Context EMPTY = new Context(Map.of());

    private final Map<ContextVar<?>, Object> values;

    private Context(Map<ContextVar<?>, Object> values) {
        this.values = values;
    }

    /** The context current in the calling code: the running task's or callback's, or this thread's. */
    public static Context current() {
        return currentIn(TaskRegistry.KERNEL.runningLoop());
    }

    static void setCurrent(Context context) {
        setCurrentIn(TaskRegistry.KERNEL.runningLoop(), context);
    }

    /** The context current on {@code loop}, or on this thread if it is null. */
    static Context currentIn(Object loop) {
        Object c = TaskRegistry.KERNEL.context(loop);
        return c == null ? EMPTY : (Context) c;
    }

    /** Makes {@code context} current on {@code loop}, or on this thread if it is null. */
    static void setCurrentIn(Object loop, Context context) {
        TaskRegistry.KERNEL.setContext(loop, context);
    }

    /**
     * Runs {@code work} with this context current, then restores the previous one: Python's
     * {@code Context.run}.
     *
     * @throws Exception whatever {@code work} throws
     */
    public <T> T run(Callable<T> work) throws Exception {
        Context previous = current();
        setCurrent(this);
        try {
            return work.call();
        } finally {
            setCurrent(previous);
        }
    }

    /** Whether {@code var} has a value here. */
    public boolean contains(ContextVar<?> var) {
        return values.containsKey(var);
    }

    /** How many variables have a value here. */
    public int size() {
        return values.size();
    }

    Object valueOf(ContextVar<?> var, Object missing) {
        return values.getOrDefault(var, missing);
    }

    Context with(ContextVar<?> var, Object value) {
        Map<ContextVar<?>, Object> copy = new HashMap<>(values);
        copy.put(var, value);
        return new Context(copy);
    }

    Context without(ContextVar<?> var) {
        if (!values.containsKey(var)) {
            return this;
        }
        Map<ContextVar<?>, Object> copy = new HashMap<>(values);
        copy.remove(var);
        return copy.isEmpty() ? EMPTY : new Context(copy);
    }

    @Override
    public String toString() {
        return "Context" + values;
    }
}
