package io.jasyncio.uring;

import java.util.Locale;

/**
 * How a {@link UringEventLoop} sets up its ring.
 *
 * <p>asyncio has no io_uring loop and so nothing like this; uvloop, the usual fast asyncio
 * loop, is built on libuv and takes no such options either.
 *
 * <p>{@link #DEFAULT} reads three system properties once, for measurements:
 * {@code jasyncio.uring.taskrun} ({@code default}, {@code coop} or {@code defer}, the
 * {@link TaskRun} mode; {@code defer} when unset), {@code jasyncio.uring.sqpoll}
 * ({@code true} turns SQPOLL on, its thread idling after 100 ms) and
 * {@code jasyncio.uring.entries}.
 *
 * @param entries the submission queue size (rounded up to a power of two by the kernel; the
 *        completion queue gets four times as many entries); more entries let more operations
 *        be queued between two system calls
 * @param sqpoll whether a kernel thread polls the submission queue (IORING_SETUP_SQPOLL):
 *        submitting then costs no system call while that thread is awake, at the price of a
 *        core spinning for {@code sqThreadIdleMillis} after each submission
 * @param sqThreadIdleMillis how long the SQPOLL thread spins before it sleeps (ignored without SQPOLL)
 * @param taskRun when the kernel runs the work that posts completions; see {@link TaskRun}
 */
public record UringOptions(int entries, boolean sqpoll, int sqThreadIdleMillis, TaskRun taskRun) {
    /**
     * 512 entries, SQPOLL off, and {@link TaskRun#DEFER} (or what the system properties in the
     * class comment say).
     */
    public static final UringOptions DEFAULT = new UringOptions(
            Integer.getInteger("jasyncio.uring.entries", 512),
            Boolean.getBoolean("jasyncio.uring.sqpoll"),
            Boolean.getBoolean("jasyncio.uring.sqpoll") ? 100 : 0,
            TaskRun.fromProperty());

    /**
     * When the kernel runs the task work that turns a finished operation (data arrived, a send
     * done) into a completion queue entry.
     *
     * <p>The two fast modes bind the ring to one thread: the first thread that polls the loop
     * (the ring is created disabled, IORING_SETUP_R_DISABLED, and enabled by that thread, so
     * a loop may be created on one thread and run on another). Polling it later from another
     * thread throws {@link IllegalStateException}: the kernel would run the earlier requests'
     * task work only when the first thread enters it, so the loop could wait forever. For the
     * same reason the loop must not run on a virtual thread in these modes (its carrier, the
     * thread the kernel sees, changes). A loop that must move between threads uses
     * {@link #DEFAULT_TASKRUN}. Where the kernel refuses the mode's flags (EINVAL: older than
     * 5.19 or 6.1, or DEFER with SQPOLL), the ring falls back to the next mode down, silently.
     */
    public enum TaskRun {
        /**
         * No flags: the kernel interrupts the thread (an IPI) to post each completion, even
         * while it runs Java code; a loop may move between threads.
         */
        DEFAULT_TASKRUN,
        /**
         * IORING_SETUP_COOP_TASKRUN with TASKRUN_FLAG (5.19): completions are posted when the
         * loop thread next enters the kernel, without interrupting it.
         */
        COOP,
        /**
         * IORING_SETUP_SINGLE_ISSUER with DEFER_TASKRUN (6.1): completions are posted only when
         * the loop thread asks for them (io_uring_enter with GETEVENTS), in a batch.
         */
        DEFER;

        /** The mode {@code jasyncio.uring.taskrun} names ({@code default}, {@code coop}, {@code defer}); DEFER if unset. */
        static TaskRun fromProperty() {
            String v = System.getProperty("jasyncio.uring.taskrun", "defer").toLowerCase(Locale.ROOT);
            return switch (v) {
                case "default" -> DEFAULT_TASKRUN;
                case "coop" -> COOP;
                case "defer" -> DEFER;
                default -> throw new IllegalArgumentException("jasyncio.uring.taskrun must be default, coop or defer, not " + v);
            };
        }

        /** The IORING_SETUP_* flags of this mode. */
        int setupFlags() {
            return switch (this) {
                case DEFAULT_TASKRUN -> 0;
                case COOP -> Uring.IORING_SETUP_COOP_TASKRUN | Uring.IORING_SETUP_TASKRUN_FLAG | Uring.IORING_SETUP_R_DISABLED;
                case DEFER -> Uring.IORING_SETUP_SINGLE_ISSUER | Uring.IORING_SETUP_DEFER_TASKRUN
                        | Uring.IORING_SETUP_TASKRUN_FLAG | Uring.IORING_SETUP_R_DISABLED;
            };
        }
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code entries} is not in 1..32768 or the idle time is negative
     * @throws NullPointerException if {@code taskRun} is null
     */
    public UringOptions {
        if (entries < 1 || entries > 32768) {
            throw new IllegalArgumentException("entries must be in 1..32768, not " + entries);
        }
        if (sqThreadIdleMillis < 0) {
            throw new IllegalArgumentException("sqThreadIdleMillis must not be negative: " + sqThreadIdleMillis);
        }
        java.util.Objects.requireNonNull(taskRun, "taskRun");
    }

    /**
     * Options with the task-run mode of {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException if {@code entries} is not in 1..32768 or the idle time is negative
     */
    public UringOptions(int entries, boolean sqpoll, int sqThreadIdleMillis) {
        this(entries, sqpoll, sqThreadIdleMillis, TaskRun.fromProperty());
    }

    /** The defaults with SQPOLL on, its thread idling after 100 ms. */
    public static UringOptions withSqpoll() {
        return new UringOptions(DEFAULT.entries(), true, 100, DEFAULT.taskRun());
    }

    /** These options with task-run mode {@code mode}. */
    public UringOptions withTaskRun(TaskRun mode) {
        return new UringOptions(entries, sqpoll, sqThreadIdleMillis, mode);
    }
}
