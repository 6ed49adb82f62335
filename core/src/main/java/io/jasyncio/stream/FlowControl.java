package io.jasyncio.stream;

import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.ExceptionContext;

/**
 * A transport's write-buffer marks and the pause/resume calls they trigger: asyncio's
 * {@code _FlowControlMixin}. An exception from {@code pauseWriting} or {@code resumeWriting}
 * goes to the loop's exception handler and does not close the transport, as in asyncio.
 */
final class FlowControl {
    private int high = Transport.DEFAULT_HIGH_WATER;
    private int low = Transport.DEFAULT_HIGH_WATER / 4;
    private boolean paused;

    /** Sets both marks; the caller then calls {@link #maybePause} as asyncio does. */
    void setLimits(int high, int low) {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
    }

    int high() {
        return high;
    }

    int low() {
        return low;
    }

    /** Calls {@code pauseWriting} if the buffer went over the high mark and the protocol is not paused. */
    void maybePause(int size, BaseProtocol protocol, BaseTransport transport) {
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
    void maybeResume(int size, BaseProtocol protocol, BaseTransport transport) {
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
