package io.jasyncio;


/**
 * The tasks parked on one primitive, in arrival order: trio's {@code ParkingLot}, the one
 * primitive every "wait until X" in jasyncio parks on: locks, queues, stream readers, flow
 * control, server close, subprocess exit. Code outside jasyncio can build its own primitives
 * on it the same way.
 *
 * <p>A task parks with {@link #enqueue()} and {@link Waiter#await()}; another wakes the first
 * live waiter with {@link #wakeFirst()} or all of them with {@link #wakeAll()}. Loop-confined.
 */
public final class ParkingLot {
    /*
     * Implementation notes.
     *
     * An intrusive doubly-linked FIFO of Waiter nodes; each node owns a private future that only
     * this queue completes (setResult) and only the waiting task's cancellation cancels. So for a
     * node, future done and not cancelled <=> it was picked by wakeFirst/wakeAll.
     *
     * Waking unlinks the node at once: a woken task is no longer "waiting" and may not run for a
     * while. Cancelling a task cancels its node's future immediately, but the task unlinks the
     * node only when it resumes; until then the node stays linked with a done future, and the
     * wake calls skip it. Every exit from Waiter.await() leaves the node unlinked.
     *
     * The loop is bound by the first enqueue, as asyncio's _LoopBoundMixin binds on first wait.
     */
    private final Object owner;
    private EventLoop loop;
    private Waiter head;
    private Waiter tail;

    /** A queue for {@code owner}, named in error messages. */
    public ParkingLot(Object owner) {
        this.owner = owner;
    }

    /**
     * Links the current task at the tail. Changes nothing if it throws.
     *
     * @throws IllegalStateException outside a task, or in a task of another loop than the one
     *         the primitive is bound to
     */
    public Waiter enqueue() {
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("only a task can wait on " + owner.getClass().getSimpleName()
                    + " (it would have to suspend here)");
        }
        EventLoop l = task.loop();
        if (loop == null) {
            loop = l;
        } else if (loop != l) {
            throw new IllegalStateException(owner.getClass().getSimpleName() + " is bound to a different event loop");
        }
        Waiter w = new Waiter(task, l.createFuture());
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.linked = true;
        return w;
    }

    /**
     * Wakes the first waiter that is still waiting (not cancelled) and unlinks it.
     *
     * @return its task, or null if nobody waits
     */
    public Task<?> wakeFirst() {
        for (Waiter w = head; w != null; w = head) {
            unlink(w);
            if (!w.future.isDone()) {
                w.future.setResult(null);
                return w.task;
            }
        }
        return null;
    }

    /**
     * Wakes every waiter still waiting, in arrival order.
     *
     * @return how many were woken
     */
    public int wakeAll() {
        int n = 0;
        while (wakeFirst() != null) {
            n++;
        }
        return n;
    }

    /** How many tasks wait (cancelled ones that have not resumed yet do not count). */
    public int waiting() {
        int n = 0;
        for (Waiter w = head; w != null; w = w.next) {
            if (!w.future.isDone()) {
                n++;
            }
        }
        return n;
    }

    private void unlink(Waiter w) {
        if (!w.linked) {
            return;
        }
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.linked = false;
    }

    /** One parked task. */
    public final class Waiter {
        private final Task<?> task;
        private final Future<Void> future;
        Waiter prev;
        Waiter next;
        boolean linked;

        Waiter(Task<?> task, Future<Void> future) {
            this.task = task;
            this.future = future;
        }

        /**
         * Suspends until this waiter is woken; a cancellation point. Whatever way it ends, the
         * waiter is no longer in the queue.
         *
         * @throws CancelledError if the task is cancelled, possibly after being woken (see
         *         {@link #woken()})
         */
        public void await() {
            try {
                future.await();
            } finally {
                unlink(this);
            }
        }

        /** Whether the task was cancelled while it waited, before any wake call picked it. */
        public boolean cancelled() {
            return future.isCancelled();
        }

        /** Whether a wake call picked this waiter (even if its task was then cancelled). */
        public boolean woken() {
            return future.isDone() && !future.isCancelled();
        }
    }
}
