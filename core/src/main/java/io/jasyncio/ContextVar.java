package io.jasyncio;

import java.util.NoSuchElementException;

/**
 * A variable whose value belongs to the current task (or callback): Python's
 * {@code contextvars.ContextVar}. Use it where a thread would use a {@code ThreadLocal}.
 *
 * {@snippet :
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 * ...
 * Token<String> t = REQUEST_ID.set("r-42");    // seen by this task and the tasks it creates
 * try { handle(); } finally { REQUEST_ID.reset(t); }
 * }
 *
 * <p>Any thread may use it; on a loop thread it reads the running task's context.
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    private static final Object MISSING = new Object();

    private final String name;
    private final T defaultValue;
    private final boolean hasDefault;

    /** A variable without a default: {@link #get()} throws until it is set. */
    public ContextVar(String name) {
        this(name, null, false);
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} until it is set. */
    public ContextVar(String name, T defaultValue) {
        this(name, defaultValue, true);
    }

    private ContextVar(String name, T defaultValue, boolean hasDefault) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        this.name = name;
        this.defaultValue = defaultValue;
        this.hasDefault = hasDefault;
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the default.
     *
     * @throws NoSuchElementException if it has neither (Python's {@code LookupError})
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = Context.current().valueOf(this, MISSING);
        if (v != MISSING) {
            return (T) v;
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException("context variable '" + name + "' has no value and no default");
    }

    /** The value in the current context, else {@code fallback} (ignoring the variable's default). */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = Context.current().valueOf(this, MISSING);
        return v != MISSING ? (T) v : fallback;
    }

    /** Sets the value in the current context; the token undoes it with {@link #reset}. */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        Object old = ctx.valueOf(this, MISSING);
        Context.setCurrent(ctx.with(this, value));
        return new Token<>(this, old, owner());
    }

    /**
     * Restores the value this variable had before the {@link #set} that made {@code token}.
     *
     * <p>As Python raises {@code ValueError} for a token "created in a different Context", this
     * rejects a token made by another task (or, off the loop, another thread; or by a callback
     * when used in a task): undoing another task's set here would overwrite this task's value.
     *
     * @throws IllegalArgumentException if the token belongs to another variable or was made in
     *         another task's or thread's context
     * @throws IllegalStateException if the token was used already
     */
    public void reset(Token<T> token) {
        if (token.var() != this) {
            throw new IllegalArgumentException("the token was made by another ContextVar: " + token.var().name);
        }
        if (token.owner != owner()) {
            throw new IllegalArgumentException("the token for '" + name + "' was made in another context ("
                    + token.owner + "), not in this one (" + owner() + ")");
        }
        token.use();
        Context ctx = Context.current();
        Object old = token.oldValue();
        Context.setCurrent(old == MISSING ? ctx.without(this) : ctx.with(this, old));
    }

    /**
     * What owns the current context: the running task, else the running loop (its callbacks),
     * else the calling thread. Contexts are immutable here, so "the same Context" in Python's
     * sense is "the same owner".
     */
    private static Object owner() {
        EventLoop loop = EventLoop.runningLoopOrNull();
        if (loop == null) {
            return Thread.currentThread();
        }
        Task<?> task = loop.currentTask();
        return task != null ? task : loop;
    }

    @Override
    public String toString() {
        return "ContextVar[" + name + "]";
    }

    /**
     * What {@link ContextVar#set} returns, to undo it: Python's {@code contextvars.Token}. Usable
     * once.
     *
     * @param <T> the variable's value type
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Object oldValue;
        private final Object owner;
        private boolean used;

        private Token(ContextVar<T> var, Object oldValue, Object owner) {
            this.var = var;
            this.oldValue = oldValue;
            this.owner = owner;
        }

        /** The variable that was set. */
        public ContextVar<T> var() {
            return var;
        }

        /** Whether the variable had a value before the set. */
        public boolean hadValue() {
            return oldValue != MISSING;
        }

        Object oldValue() {
            return oldValue;
        }

        void use() {
            if (used) {
                throw new IllegalStateException("the token has already been used");
            }
            used = true;
        }
    }
}
