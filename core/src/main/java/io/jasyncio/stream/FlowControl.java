package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;

/**
 * A transport's write-buffer marks and the pause/resume calls they trigger: asyncio's
 * {@code _FlowControlMixin}, for every transport that buffers writes (sockets, datagrams, a
 * child's stdin, or a user's own). An exception from {@code pauseWriting} or
 * {@code resumeWriting} goes to the loop's exception handler and does not close the transport,
 * as in asyncio. Loop-confined, like the transport that owns it.
 */
public final class FlowControl {
    private int high = Transport.DEFAULT_HIGH_WATER;
    private int low = Transport.DEFAULT_HIGH_WATER / 4;
    private boolean paused;

    /** Marks at asyncio's defaults: 64 KiB high, 16 KiB low; the protocol is not paused. */
    public FlowControl() {
    }

    /**
     * Sets both marks; the caller then calls {@link #maybePause} as asyncio does.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public void setLimits(int high, int low) {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
    }

    /** The high-water mark in bytes. */
    public int high() {
        return high;
    }

    /** The low-water mark in bytes. */
    public int low() {
        return low;
    }

    /** Whether {@code pauseWriting} was called and {@code resumeWriting} has not followed. */
    public boolean isPaused() {
        return paused;
    }

    /** Calls {@code pauseWriting} if the buffer went over the high mark and the protocol is not paused. */
    public void maybePause(int size, BaseProtocol protocol, BaseTransport transport) {
        if (size <= high || paused) {
            return;
        }
        paused = true;
        try {
            protocol.pauseWriting();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            report(transport.loop(), "protocol.pauseWriting() failed", t, transport);
        }
    }

    /** Calls {@code resumeWriting} if the protocol is paused and the buffer is at or below the low mark. */
    public void maybeResume(int size, BaseProtocol protocol, BaseTransport transport) {
        if (!paused || size > low) {
            return;
        }
        paused = false;
        try {
            protocol.resumeWriting();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            report(transport.loop(), "protocol.resumeWriting() failed", t, transport);
        }
    }

    private static void report(EventLoop loop, String message, Throwable t, BaseTransport transport) {
        loop.callExceptionHandler(new ExceptionContext(message, t, transport, null));
    }
}
