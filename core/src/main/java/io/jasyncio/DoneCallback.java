package io.jasyncio;

import java.util.function.Consumer;

/**
 * A done callback bound to its future and to the context it was added in, which it runs in
 * (as asyncio); queued on the loop as it is, so it is its own handle. toString names both
 * callback and future for slow-step and error reports.
 */
final class DoneCallback<T> implements Runnable {
    private final Consumer<? super Future<T>> callback;
    private final Future<T> future;
    private final Context context;

    DoneCallback(Consumer<? super Future<T>> callback, Future<T> future, Context context) {
        this.callback = callback;
        this.future = future;
        this.context = context;
    }

    static boolean is(Object entry, Object callback) {
        return entry instanceof DoneCallback<?> dc && dc.callback == callback;
    }

    @Override
    public void run() {
        Object loop = future.loop;
        Context previous = Context.currentIn(loop);
        Context.setCurrentIn(loop, context);
        try {
            callback.accept(future);
        } finally {
            Context.setCurrentIn(loop, previous);
        }
    }

    @Override
    public String toString() {
        return "done callback " + Describe.safe(callback) + " of " + future;
    }
}
