package io.jasyncio.uring;

/**
 * How a {@link UringEventLoop} sets up its ring.
 *
 * <p>asyncio has no io_uring loop and so nothing like this; uvloop, the usual fast asyncio
 * loop, is built on libuv and takes no such options either.
 *
 * @param entries the submission queue size (rounded up to a power of two by the kernel; the
 *        completion queue gets four times as many entries); more entries let more operations
 *        be queued between two system calls
 * @param sqpoll whether a kernel thread polls the submission queue (IORING_SETUP_SQPOLL):
 *        submitting then costs no system call while that thread is awake, at the price of a
 *        core spinning for {@code sqThreadIdleMillis} after each submission
 * @param sqThreadIdleMillis how long the SQPOLL thread spins before it sleeps (ignored without SQPOLL)
 */
public record UringOptions(int entries, boolean sqpoll, int sqThreadIdleMillis) {
    /** 512 entries, no SQPOLL. */
    public static final UringOptions DEFAULT = new UringOptions(512, false, 0);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code entries} is not in 1..32768 or the idle time is negative
     */
    public UringOptions {
        if (entries < 1 || entries > 32768) {
            throw new IllegalArgumentException("entries must be in 1..32768, not " + entries);
        }
        if (sqThreadIdleMillis < 0) {
            throw new IllegalArgumentException("sqThreadIdleMillis must not be negative: " + sqThreadIdleMillis);
        }
    }

    /** The defaults with SQPOLL on, its thread idling after 100 ms. */
    public static UringOptions withSqpoll() {
        return new UringOptions(DEFAULT.entries(), true, 100);
    }
}
