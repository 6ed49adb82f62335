package io.jasyncio;

import io.jasyncio.loop.ExceptionContext;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pending report "exception was never retrieved" of one failed future: it fires when the
 * future is garbage-collected or its loop is closed, unless the exception was retrieved first.
 */
final class UnretrievedReport implements Runnable {
    /*
     * Implementation notes.
     *
     * It must not reference the future, or the Cleaner's phantom reference would keep it alive.
     * `fired` makes the three ways out (disarm, cleaner, loop close) happen at most once; the
     * cleaner runs on its own thread, so it hands the report to the loop with callSoonThreadsafe,
     * or calls the handler directly when the loop is already closed.
     */
    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().daemon().name("jasyncio-unretrieved-reporter").factory());

    private final EventLoop loop;
    private final Throwable exception;
    private final String message;
    private final String description;
    private final Throwable creationSite;
    private final AtomicBoolean fired = new AtomicBoolean();
    private Cleaner.Cleanable cleanable;

    private UnretrievedReport(EventLoop loop, Throwable exception, String message, String description, Throwable creationSite) {
        this.loop = loop;
        this.exception = exception;
        this.message = message;
        this.description = description;
        this.creationSite = creationSite;
    }

    static UnretrievedReport arm(Future<?> future, Throwable exception) {
        String kind = future instanceof Task<?> ? "Task" : "Future";
        UnretrievedReport r = new UnretrievedReport(future.loop, exception,
                kind + " exception was never retrieved", future.toString(), future.creationSite);
        TaskRegistry.of(future.loop).track(r);
        r.cleanable = CLEANER.register(future, r);
        return r;
    }

    /** The exception was retrieved: nothing to report. */
    void disarm() {
        if (fired.compareAndSet(false, true)) {
            TaskRegistry.of(loop).untrack(this);
            cleanable.clean();
        }
    }

    /**
     * The future was collected unretrieved (the Cleaner's thread): hand the report to the loop.
     * It stays tracked until it is made, so if the loop closes before running it, the close
     * reports it instead.
     */
    @Override
    public void run() {
        if (fired.get()) {
            return;
        }
        try {
            loop.callSoonThreadsafe(this::reportNow);
        } catch (IllegalStateException closed) {
            reportNow();
        }
    }

    /** The loop is closing with the exception still unretrieved (the closing thread). */
    void reportAtClose() {
        reportNow();
        cleanable.clean();
    }

    private void reportNow() {
        if (fired.compareAndSet(false, true)) {
            TaskRegistry.of(loop).untrack(this);
            loop.callExceptionHandler(context());
        }
    }

    private ExceptionContext context() {
        return new ExceptionContext(message + ": " + description, exception, description, creationSite);
    }
}
