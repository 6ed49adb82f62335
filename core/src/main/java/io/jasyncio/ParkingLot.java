package io.jasyncio;


/**
 * The tasks parked on one primitive, in arrival order: trio's {@code ParkingLot}, the one
 * primitive every "wait until X" in jasyncio parks on: locks, queues, stream readers, flow
 * control, server close, subprocess exit. Code outside jasyncio can build its own primitives
 * on it the same way.
 *
 * <p>A task parks with {@link #park()} (or {@link #enqueue()} and {@link Waiter#await()} when it
 * needs to inspect its waiter); another wakes the first live waiter with {@link #wakeFirst()} or
 * all of them with {@link #wakeAll()}. Loop-confined.
 *
 * <p><b>Wake-ups are never lost.</b> {@link #wakeFirst()} hands a wake-up to one waiter: the
 * primitive has something for it (an item, a slot, the lock). If that waiter's task is cancelled
 * after the wake-up but before it runs, {@link #park()} passes the wake-up on to the next live
 * waiter before {@link CancelledError} leaves it, and {@link #park(Runnable)} runs the
 * primitive's own hand-back instead (a lock releases, a semaphore returns its permit). A wake-up
 * from {@link #wakeAll()} is a broadcast: there is nobody left to pass it to, so it is not passed
 * on.
 *
 * {@snippet :
 * ParkingLot lot = new ParkingLot(this);
 * while (!ready()) {
 *     lot.park();          // suspends; a cancellation point
 * }
 * // elsewhere, when one task can proceed:
 * lot.wakeFirst();
 * }
 *
 * <p><b>Differs from trio:</b> trio's {@code unpark} reschedules the task atomically, so a woken
 * task cannot be cancelled any more; here the wake-up completes a future and the task may still
 * be cancelled before it runs, hence the pass-on rule above.
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
     *
     * park() does not allocate: each task keeps one Waiter (with its future) in
     * Task.spareWaiter and park() rearms it, so a park/wake cycle costs no garbage. That is safe
     * because the node is unreachable between parks: it is unlinked when its await() ends, its
     * future's only callback (the task's wake-up) was scheduled when it completed, and the task
     * clears its futWaiter when it resumes; a wake call reaches only linked nodes, so a wake-up
     * meant for one park cannot land on the next. The task takes the node out of its slot while
     * it parks, so a park nested in a hand-back (which must not suspend, but may enqueue) gets
     * a fresh one. enqueue() always returns a fresh node: its caller may keep it and read
     * woken()/cancelled() later.
     *
     * `handed` marks a node picked by wakeFirst (a wake-up meant for one task), as opposed to
     * wakeAll (a broadcast). park() passes on only a handed wake-up: passing on a broadcast would
     * wake a task that arrived after it, for nothing.
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
        Task<?> task = boundTask();
        Waiter w = new Waiter(task, task.loop().createFuture());
        link(w);
        return w;
    }

    private Task<?> boundTask() {
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
        return task;
    }

    private void link(Waiter w) {
        w.lot = this;
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.linked = true;
    }

    /**
     * Parks the current task until a wake call picks it; a cancellation point. If the task is
     * cancelled after {@link #wakeFirst()} picked it but before it ran, the wake-up goes to the
     * next live waiter (another {@code wakeFirst()}) before {@link CancelledError} leaves: the
     * wake-up is never lost. Whatever way it ends, the task is no longer in the queue.
     *
     * <p>The caller re-checks its condition after it returns, as with any condition variable:
     * a task that ran in between may have taken what the wake-up was for.
     *
     * @throws CancelledError if the task is cancelled while parked, or after being woken
     * @throws IllegalStateException outside a task, or in a task of another loop than the one
     *         this lot is bound to
     */
    public void park() {
        park(null);
    }

    /**
     * {@link #park()} with the primitive's own hand-back: when the task is cancelled after
     * {@link #wakeFirst()} picked it, {@code handBack} runs (instead of passing the wake-up to
     * the next waiter) before {@link CancelledError} leaves. For wake-ups that carry something
     * the woken task now owns: a lock's hand-back is {@code release()}, a semaphore's returns
     * the permit. It runs on the loop thread, in the cancelled task; it must not suspend.
     *
     * @param handBack what to do with a wake-up the task cannot use; null means
     *        {@code wakeFirst()}
     * @throws CancelledError if the task is cancelled while parked, or after being woken
     * @throws IllegalStateException outside a task, or in a task of another loop than the one
     *         this lot is bound to
     */
    public void park(Runnable handBack) {
        Task<?> task = boundTask();
        Waiter w = task.spareWaiter;
        if (w == null) {
            w = new Waiter(task, task.loop().createFuture());
        } else {
            task.spareWaiter = null;
            w.future.rearm();
            w.handed = false;
        }
        link(w);
        try {
            w.awaitAsCurrent();
        } catch (Throwable t) {
            if (w.handed) {
                if (handBack == null) {
                    wakeFirst();
                } else {
                    handBack.run();
                }
            }
            throw t;
        } finally {
            task.spareWaiter = w;
        }
    }

    /**
     * Wakes the first waiter that is still waiting (not cancelled) and unlinks it. The wake-up
     * is handed to that waiter: if its task is cancelled before it runs, {@link #park()} passes
     * it on.
     *
     * @return its task, or null if nobody waits
     */
    public Task<?> wakeFirst() {
        Waiter w = wakeNext();
        if (w == null) {
            return null;
        }
        w.handed = true;
        return w.task;
    }

    /**
     * Wakes every waiter still waiting, in arrival order. A broadcast: a waiter cancelled after
     * it was woken this way passes nothing on.
     *
     * @return how many were woken
     */
    public int wakeAll() {
        int n = 0;
        while (wakeNext() != null) {
            n++;
        }
        return n;
    }

    /**
     * How many waiters are linked, counting those cancelled whose tasks have not resumed yet
     * (asyncio's reprs count such waiters; {@link #waiting()} does not).
     */
    public int linked() {
        int n = 0;
        for (Waiter w = head; w != null; w = w.next) {
            n++;
        }
        return n;
    }

    private Waiter wakeNext() {
        for (Waiter w = head; w != null; w = head) {
            unlink(w);
            if (w.future.trySetResult(null)) {
                return w;
            }
        }
        return null;
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
    public static final class Waiter {
        private final Task<?> task;
        private final Future<Void> future;
        private ParkingLot lot;
        Waiter prev;
        Waiter next;
        boolean linked;
        boolean handed;

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
                lot.unlink(this);
            }
        }

        /** {@link #await()} by the waiter's own task, which park() has just found running. */
        void awaitAsCurrent() {
            try {
                if (!future.isDone()) {
                    Task.waitAsCurrent(task, future);
                }
                future.result();
            } finally {
                lot.unlink(this);
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
