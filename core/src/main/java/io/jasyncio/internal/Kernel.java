package io.jasyncio.internal;

/**
 * The scheduler's face towards the task layer: the few things {@code Task}, {@code Future} and
 * {@code Context} need from a loop and that no user should call (the current context slot, the
 * loop's task state, the loop running in this thread).
 *
 * <p>Not API: this package is not exported. The scheduler ({@code io.jasyncio.loop.BaseEventLoop})
 * installs the one implementation when it is initialized, as the JDK's {@code SharedSecrets}
 * lets {@code java.lang} reach into {@code java.util}; the task layer calls {@link #get()}. So
 * the loop package never names a task type, and the task layer never casts a loop to the
 * scheduler's class.
 *
 * <p>Every {@code loop} argument is a {@code BaseEventLoop}; contexts and task state are opaque
 * here. All methods but {@link #runningLoop()} are loop-confined.
 */
public abstract class Kernel {
    /*
     * Implementation notes.
     *
     * `installed` is written once, by BaseEventLoop's static initializer, which the JVM runs
     * before any loop exists, so a caller that holds a loop always finds it set. get() forces
     * that initializer for callers that have no loop yet (Context.current() off any loop). The
     * class is named by a string to keep this package free of a compile-time edge to the loop.
     */
    private static volatile Kernel installed;

    /** For the one implementation. */
    protected Kernel() {
    }

    /**
     * The installed implementation; initializes the scheduler class first if needed.
     *
     * @throws IllegalStateException if the scheduler cannot be loaded (a broken class path)
     */
    public static Kernel get() {
        Kernel k = installed;
        if (k == null) {
            try {
                Class.forName("io.jasyncio.loop.BaseEventLoop", true, Kernel.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("jasyncio's scheduler class is missing", e);
            }
            k = installed;
        }
        return k;
    }

    /**
     * Installs the implementation; the scheduler calls it once.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static void install(Kernel kernel) {
        synchronized (Kernel.class) {
            if (installed != null) {
                throw new IllegalStateException("the kernel is installed already");
            }
            installed = kernel;
        }
    }

    /** The loop running in the calling thread, or null; any thread may call it. */
    public abstract Object runningLoop();

    /**
     * The context current on {@code loop}: its running callback's or task step's; with a null
     * {@code loop}, the calling thread's (one that runs no loop). Null means empty.
     */
    public abstract Object context(Object loop);

    /** Replaces the context current on {@code loop}, or on the calling thread if it is null. */
    public abstract void setContext(Object loop, Object context);

    /** What the task layer attached to {@code loop} with {@link #attach}, or null. */
    public abstract Object attachment(Object loop);

    /**
     * Attaches the task layer's state to {@code loop}; {@code onClose} runs once when the loop
     * closes, after its callbacks and timers are discarded and before its I/O backend is
     * released (where exceptions never retrieved are reported).
     *
     * @throws IllegalStateException if something is attached already
     */
    public abstract void attach(Object loop, Object attachment, Runnable onClose);

    /**
     * Queues {@code step} on {@code loop} for its next iteration as it is, without a handle:
     * the engine's wake-up path (a task's step, a future's done callback), where a handle would
     * be one more allocation and indirection per switch. The step cannot be cancelled and sets
     * its own context. Loop-confined.
     *
     * @throws IllegalStateException if the loop is closed
     */
    public abstract void callSoonStep(Object loop, Runnable step);
}
