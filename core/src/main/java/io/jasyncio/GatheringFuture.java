package io.jasyncio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The future returned by {@link Asyncio#gatherFuture}: it finishes with its children's results
 * in their order, or with the first child failure. asyncio's {@code _GatheringFuture}.
 *
 * <p>Cancelling it cancels every child that is not done; it then ends, as cancelled, when they
 * have all ended. A child failure finishes it at once while the other children keep running
 * (unless {@code returnExceptions}, where failures take the place of results).
 *
 * <p>With {@code returnExceptions}, the slot of a cancelled child holds a {@link CancelledError}:
 * for a plain future it carries the message given to {@code cancel(msg)}; for a task it has no
 * message, as in asyncio 3.11-3.13, where a task that ended cancelled no longer keeps it.
 */
public final class GatheringFuture extends Future<List<Object>> {
    /*
     * Implementation notes.
     *
     * Each child's done callback counts it. Without returnExceptions the first failure or
     * cancellation of a child finishes the outer future at once (later outcomes are only marked
     * retrieved). cancel() does not cancel the outer future itself: it cancels the children and
     * sets cancelRequested; when the last child ends, the outer finishes with a CancelledError,
     * which awaiting code sees as a cancellation, as asyncio does.
     */
    private final List<Future<?>> children;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;
    private String cancelRequestMessage;

    GatheringFuture(EventLoop loop, List<Future<?>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
        Consumer<Future<?>> onChildDone = this::childDone;
        for (Future<?> child : children) {
            child.addDoneCallback(onChildDone);
        }
        if (children.isEmpty()) {
            setResult(List.of());
        }
    }

    /**
     * Cancels every child that is not done.
     *
     * @return false if the gathering is done or no child could be cancelled
     */
    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
            cancelRequestMessage = message;
        }
        return any;
    }

    private void childDone(Future<?> child) {
        finished++;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.markRetrieved();
            }
            return;
        }
        if (!returnExceptions) {
            if (child.isCancelled()) {
                setException(child.makeCancelledError());
                return;
            }
            Throwable e = child.exception();
            if (e != null) {
                setException(e);
                return;
            }
        }
        if (finished < children.size()) {
            return;
        }
        Object[] results = new Object[children.size()];
        for (int i = 0; i < results.length; i++) {
            Future<?> c = children.get(i);
            if (c.isCancelled()) {
                // asyncio 3.11-3.13 build a fresh CancelledError from the future's cancel message,
                // and a task that ends cancelled has dropped its message by then.
                results[i] = c instanceof Task<?> ? new CancelledError() : c.makeCancelledError();
            } else {
                Throwable e = c.exception();
                results[i] = e != null ? e : c.result();
            }
        }
        if (cancelRequested) {
            setException(new CancelledError(cancelRequestMessage));
        } else {
            setResult(results.length == 0 ? List.of() : new ArrayList<>(Arrays.asList(results)));
        }
    }
}
