package io.jasyncio.loop;

/**
 * What a loop holds at one moment, from {@link CallbackLoop#statistics()}: trio's
 * {@code RunStatistics}, for tests that check a loop was left clean and for monitoring.
 *
 * @param readyCallbacks  callbacks ready to run and not yet run, including those posted from other
 *                        threads that the loop has not drained yet; a cancelled handle counts until
 *                        its turn comes and it is skipped
 * @param liveTimers      timers scheduled and neither run nor cancelled
 * @param ioRegistrations open channels with a reader or a writer callback (costs time in the number
 *                        of channels the loop watches); 0 once the loop is closed
 */
public record LoopStatistics(int readyCallbacks, int liveTimers, int ioRegistrations) {
}
