package io.jasyncio.uring;

import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Makes {@link Thread#interrupt()} of the loop thread wake its io_uring_enter, as it wakes a
 * selector: the JDK calls back an interruptible channel's close when a thread blocked in one of
 * its operations is interrupted, and this "channel" does nothing but wake the ring when closed.
 * The loop then sees the interrupt before its next wait and reports it.
 */
final class InterruptWaker {
    /*
     * Implementation notes.
     *
     * begin() registers the channel as the thread's blocker (and closes it at once if the
     * thread is already interrupted); end() unregisters it. An interrupt closes the channel for
     * good, so a fresh one is made for the next wait after that; waits that are not
     * interrupted reuse one.
     */
    private final Runnable wakeup;
    private Blocker blocker;

    InterruptWaker(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    private final class Blocker extends AbstractInterruptibleChannel {
        void enter() {
            begin();
        }

        void exit() {
            try {
                end(true);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                // An interrupt closed us: the thread's interrupt status stays set for the loop.
            }
        }

        @Override
        protected void implCloseChannel() {
            wakeup.run();
        }
    }

    /** Call before a blocking wait, on the waiting thread; pair with {@link #afterWait()}. */
    void beforeWait() {
        if (blocker == null || !blocker.isOpen()) {
            blocker = new Blocker();
        }
        blocker.enter();
    }

    /** Call after the wait, in a finally block. */
    void afterWait() {
        blocker.exit();
    }
}
