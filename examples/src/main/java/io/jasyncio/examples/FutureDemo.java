package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;

/**
 * A bare {@link Future}: nothing runs it, it is just a slot for a result. Cancelling it makes it
 * done and cancelled, and asking it for its result then throws {@link CancelledError}.
 */
public final class FutureDemo {
    private FutureDemo() {
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            // Futures belong to a loop: their callbacks run there.
            Future<String> future = getRunningLoop().createFuture();
            System.out.println("done: " + future.isDone() + ", cancelled: " + future.isCancelled());
            future.cancel();
            System.out.println("done: " + future.isDone() + ", cancelled: " + future.isCancelled());
            try {
                future.result();
            } catch (CancelledError e) {
                // CancelledError is an Error, so catch (Exception e) would not have caught it.
                System.out.println("result() threw CancelledError");
            }
        });
    }
}
