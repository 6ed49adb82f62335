package io.jasyncio.internal;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * A body of code that can suspend itself and be resumed later: the engine under every task.
 *
 * <p>This is the only class in jasyncio that touches {@code jdk.internal.vm}. It needs
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}; without it the first
 * {@link #Coroutine(Runnable)} throws an {@link IllegalStateException} that names that flag.
 *
 * <p>Only the event loop thread calls {@link #resume()}; only code running inside the coroutine
 * calls {@link #suspend()}.
 */
public final class Coroutine {
    /*
     * Implementation notes.
     *
     * The JDK continuation is held in a nested subclass so that the outer class can be loaded
     * (and can check the export) even when the export is missing: loading a subclass of
     * Continuation without access to jdk.internal.vm fails with IllegalAccessError, and that
     * would otherwise be the user's first and least helpful message.
     *
     * A pinned continuation (a class initializer or a native frame on its stack) cannot yield;
     * the JDK calls onPinned, where we turn its bare "Pinned: NATIVE" into an error that says a
     * task cannot wait there.
     */

    /** The exact flag a user must add; quoted in the error and in the README. */
    public static final String REQUIRED_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    private static final boolean EXPORTED =
            Object.class.getModule().isExported("jdk.internal.vm", Coroutine.class.getModule());

    static {
        if (EXPORTED) {
            // The JDK's first continuation run initializes VirtualThread (tens of ms); pay it here,
            // not inside a user's first task step where debug mode would report it as slow.
            new Engine(() -> { }).run();
        }
    }

    private final Engine engine;

    /**
     * Wraps {@code body} as a task's coroutine; it does not start until the first
     * {@link #resume()}.
     *
     * @throws IllegalStateException if the JVM was started without {@link #REQUIRED_FLAG}
     */
    public Coroutine(Runnable body) {
        this(body, null, false);
    }

    /**
     * The coroutine of {@code owner} (a task's), whose {@link Owner#body()} it runs and which
     * {@link #currentOwner()} returns to code running inside it. Unlike {@code new
     * Coroutine(owner::body)}, it allocates no body object: one fewer per task spawned.
     *
     * @throws IllegalStateException if the JVM was started without {@link #REQUIRED_FLAG}
     */
    public static Coroutine ownedBy(Owner owner) {
        return new Coroutine(null, owner, false);
    }

    /** What a coroutine made with {@link #ownedBy(Owner)} runs, and belongs to. */
    public interface Owner {
        /** The coroutine's body; runs on its first {@link #resume()}. */
        void body();
    }

    // Takes a flag, not a ContinuationScope: naming Engine before the export check would load it
    // and fail with the unhelpful IllegalAccessError this class exists to replace.
    private Coroutine(Runnable body, Object owner, boolean generator) {
        if (!EXPORTED) {
            throw new IllegalStateException(
                    "jasyncio needs access to the JDK's continuations: start java with "
                            + REQUIRED_FLAG + " (java -jar reads it from the jar's Add-Exports manifest entry;"
                            + " with jasyncio on the module path: --add-exports java.base/jdk.internal.vm=io.jasyncio)");
        }
        engine = new Engine(body, generator ? Engine.GENERATOR_SCOPE : Engine.SCOPE, owner);
    }

    /**
     * Wraps {@code body} as a generator: a coroutine nested in a task, which gives values back
     * with {@link #yieldValue()} while its waits ({@link #suspend()}) still suspend the whole task.
     *
     * @throws IllegalStateException if the JVM was started without {@link #REQUIRED_FLAG}
     */
    public static Coroutine generator(Runnable body) {
        return new Coroutine(body, null, true);
    }

    /**
     * Returns control from the generator the caller runs in to the code that resumed it.
     *
     * @throws IllegalStateException if the caller is not inside a generator, or cannot wait here
     */
    public static void yieldValue() {
        if (!EXPORTED || Continuation.getCurrentContinuation(Engine.GENERATOR_SCOPE) == null) {
            throw new IllegalStateException("not inside an async generator");
        }
        Continuation.yield(Engine.GENERATOR_SCOPE);
    }

    /**
     * Runs the body until it suspends or ends. Exceptions the body throws propagate from here.
     *
     * @throws IllegalStateException if the body has already ended or is running
     */
    public void resume() {
        engine.run();
    }

    /** Whether the body has returned or thrown. */
    public boolean isDone() {
        return engine.isDone();
    }

    /**
     * Suspends the coroutine the caller runs in, returning when it is next resumed.
     *
     * @throws IllegalStateException if the caller is not inside a coroutine, or is where it
     *         cannot wait (inside a class initializer or a native frame)
     */
    public static void suspend() {
        if (!isInside()) {
            throw new IllegalStateException("not inside a jasyncio task: only a task can wait");
        }
        Continuation.yield(Engine.SCOPE);
    }

    /**
     * The owner given to the coroutine the caller runs in (through any generators nested in it),
     * or null outside one. Cheaper than a thread-local: the JDK finds the mounted continuation
     * from the carrier thread.
     */
    public static Object currentOwner() {
        if (!EXPORTED) {
            return null;
        }
        Continuation c = Continuation.getCurrentContinuation(Engine.SCOPE);
        return c == null ? null : ((Engine) c).owner;
    }

    /** Whether the calling code runs inside a coroutine (and so may {@link #suspend()}). */
    public static boolean isInside() {
        return EXPORTED && Continuation.getCurrentContinuation(Engine.SCOPE) != null;
    }

    private static final class Engine extends Continuation {
        static final ContinuationScope SCOPE = new ContinuationScope("jasyncio");
        static final ContinuationScope GENERATOR_SCOPE = new ContinuationScope("jasyncio-generator");

        /** Runs an owned engine's body: one shared Runnable instead of one lambda per coroutine. */
        private static final Runnable OWNER_BODY =
                () -> ((Owner) ((Engine) Continuation.getCurrentContinuation(SCOPE)).owner).body();

        final Object owner;

        Engine(Runnable body) {
            this(body, SCOPE, null);
        }

        Engine(Runnable body, ContinuationScope scope, Object owner) {
            super(scope, body != null ? body : OWNER_BODY);
            this.owner = owner;
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException("a jasyncio task cannot wait here (" + reason
                    + "): waiting inside a class initializer or a native frame would block the loop");
        }
    }
}
