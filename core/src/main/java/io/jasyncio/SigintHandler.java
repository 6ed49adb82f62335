package io.jasyncio;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C for {@link Asyncio#run}: the first SIGINT cancels the main task (from the signal
 * thread, through callSoonThreadsafe); a second one, or one after the loop ended, goes to the
 * JVM's previous handler, which exits with status 130. asyncio.Runner does the same.
 */
final class SigintHandler implements SignalHandler {
    private static final Signal INT = new Signal("INT");
    private final EventLoop loop;
    private final Task<?> main;
    private final SignalHandler previous;
    private volatile int count;

    private SigintHandler(EventLoop loop, Task<?> main) {
        this.loop = loop;
        this.main = main;
        this.previous = Signal.handle(INT, this);
    }

    /** Installs a handler if this is the main thread; returns null otherwise or if impossible. */
    static SigintHandler installIfMainThread(EventLoop loop, Task<?> main) {
        if (!"main".equals(Thread.currentThread().getName())) {
            return null;
        }
        try {
            return new SigintHandler(loop, main);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public void handle(Signal sig) {
        count++;
        if (count == 1 && !loop.isClosed()) {
            try {
                loop.callSoonThreadsafe(() -> {
                    if (!main.isDone()) {
                        main.cancel("interrupted by SIGINT");
                    } else {
                        previous.handle(sig);
                    }
                });
                return;
            } catch (IllegalStateException closed) {
                // The loop closed in between: fall through to the previous handler.
            }
        }
        previous.handle(sig);
    }

    boolean fired() {
        return count > 0;
    }

    void restore() {
        Signal.handle(INT, previous);
    }

    /** Makes an uncaught KeyboardInterrupt end the JVM with status 130 (128 + SIGINT). */
    static void exitWith130IfUncaught() {
        Thread t = Thread.currentThread();
        Thread.UncaughtExceptionHandler before = t.getUncaughtExceptionHandler();
        t.setUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof KeyboardInterrupt) {
                System.err.println("KeyboardInterrupt");
                System.exit(130);
            }
            before.uncaughtException(thread, e);
        });
    }
}
