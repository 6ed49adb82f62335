package io.jasyncio.queue;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.ParkingLot;
import io.jasyncio.Task;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A first-in, first-out queue for handing items between the tasks of one event loop: asyncio's
 * {@code Queue}, in Java.
 *
 * {@snippet :
 * Queue<String> urls = new Queue<>(100);
 * TaskGroup tg = new TaskGroup();
 * tg.run(() -> {
 *     for (int i = 0; i < 4; i++) {
 *         tg.createTask(() -> {
 *             for (String url : urls.iterate()) {   // ends when urls is shut down and drained
 *                 fetch(url);
 *                 urls.taskDone();
 *             }
 *         });
 *     }
 *     for (String url : seeds) {
 *         urls.put(url);                           // suspends while 100 are queued
 *     }
 *     urls.join();                                 // until every url is marked done
 *     urls.shutdown();
 * });
 * }
 *
 * <p><b>Suspending and non-suspending twins.</b> {@link #put(Object)} suspends while the queue is
 * full and {@link #putNowait(Object)} throws {@link QueueFull} instead; {@link #get()} suspends
 * while it is empty and {@link #getNowait()} throws {@link QueueEmpty} instead. The suspending
 * ones, {@link #join()}, and the iterator of {@link #iterate()} are cancellation points only when
 * they actually wait: on a queue with room (or an item) they return at once, without yielding to
 * the loop, as in asyncio. Waiting getters and putters are woken in FIFO order.
 *
 * <p><b>Cancellation loses nothing.</b> A getter cancelled while it waits takes no item; one
 * that was woken for an item and then cancelled before it could run leaves the item queued and
 * passes its wake-up to the next getter. The same holds for putters and free slots. A cancelled
 * waiter leaves no trace in the queue.
 *
 * <p><b>Shutdown</b> (Python 3.13): after {@link #shutdown(boolean)}, puts throw
 * {@link QueueShutDown}; gets still return what is queued and throw {@link QueueShutDown} once
 * the queue is empty. Tasks waiting in {@code put} or {@code get} are woken with
 * {@link QueueShutDown}. {@code shutdown(true)} also drops the queued items, marking each one
 * done for {@link #join()}.
 *
 * <p><b>Threads.</b> Loop-confined: use a queue from the tasks and callbacks of one loop, on its
 * thread. From another thread, go through {@link EventLoop#callSoonThreadsafe}. The queue binds
 * itself to the loop of the first task that waits on it; waiting on it from another loop throws
 * {@link IllegalStateException}. The non-suspending methods need no running loop.
 *
 * <p><b>Differs from asyncio:</b> items may not be null. {@code empty()} and {@code full()} are
 * {@link #isEmpty()} and {@link #isFull()}, as {@code Future.done()} is {@code isDone()}.
 * {@link #taskDone()} called too many times throws {@link IllegalStateException} where asyncio
 * raises {@code ValueError}. {@link #iterate()} and {@link #statistics()} have no asyncio
 * counterpart. The storage is not a subclass hook: the orderings are this class,
 * {@link PriorityQueue} and {@link LifoQueue}.
 *
 * @param <T> the item type
 */
public class Queue<T> {
    /*
     * Implementation notes.
     *
     * The algorithm is asyncio's, on three ParkingLots: a successful put wakes the first live
     * getter (wakeFirst), a successful get the first live putter. A woken waiter only learns
     * "try again": when it runs it re-checks the queue, and may find the item taken by a
     * getNowait() that ran in between, in which case it parks again at the back.
     *
     * Cancellation, both races, are the lot's: a waiter cancelled while parked is skipped by
     * the wake calls; one woken and then cancelled before it ran hands its wake-up back through
     * park(handBack), which passes it to the next waiter if the queue still has an item (a
     * slot) for it. So a wake-up is never lost and no item ever sits in a waiter.
     *
     * Invariants between steps:
     *  - every live waiter in `getters` belongs to a task suspended in get(). Getters wait
     *    on a non-empty queue only between a put and the steps of the getters it woke (one per
     *    item). Likewise for putters and a non-full queue.
     *  - unfinishedTasks >= 0; it counts putNowait()s minus taskDone()s, minus the items dropped
     *    by shutdown(true). `joiners` is empty whenever unfinishedTasks == 0.
     *  - once shutDown, no item is ever added; `getters`, `putters` were all woken at shutdown.
     *
     * `joiners` plays the part of asyncio's `_finished` Event: all are woken when the count
     * reaches zero, and a woken joiner returns even if items were put before it ran.
     */
    private final int maxsize;
    private final Buffer<T> buffer;
    private final ParkingLot getters = new ParkingLot(this);
    private final ParkingLot putters = new ParkingLot(this);
    private final ParkingLot joiners = new ParkingLot(this);
    private final Runnable passSlotOn = this::passSlotOn;
    private final Runnable passItemOn = this::passItemOn;
    private int unfinishedTasks;
    private boolean shutDown;
    private EventLoop loop;

    /** An unbounded FIFO queue. */
    public Queue() {
        this(0);
    }

    /**
     * A FIFO queue that holds at most {@code maxsize} items; zero or less means unbounded.
     */
    public Queue(int maxsize) {
        this(maxsize, new FifoBuffer<>());
    }

    /** A queue over another ordering; for {@link PriorityQueue} and {@link LifoQueue}. */
    Queue(int maxsize, Buffer<T> buffer) {
        this.maxsize = maxsize;
        this.buffer = buffer;
    }

    /** The capacity given at construction; zero or less means unbounded. */
    public final int maxsize() {
        return maxsize;
    }

    /** The number of items in the queue. Exact: no other task runs between this and the next call. */
    public final int qsize() {
        return buffer.size();
    }

    /** Whether the queue holds no item (asyncio's {@code empty()}). */
    public final boolean isEmpty() {
        return buffer.size() == 0;
    }

    /**
     * Whether the queue holds {@code maxsize} items (asyncio's {@code full()}); never true for an
     * unbounded queue.
     */
    public final boolean isFull() {
        return maxsize > 0 && buffer.size() >= maxsize;
    }

    /** Whether {@link #shutdown(boolean)} was called. */
    public final boolean isShutDown() {
        return shutDown;
    }

    /**
     * Adds {@code item}, suspending while the queue is full. A cancellation point while it waits;
     * on a queue with room it returns at once without yielding. A putter cancelled while waiting
     * puts nothing, and a putter that was woken for a free slot and then cancelled passes the slot
     * to the next waiting putter.
     *
     * <p>Its non-suspending twin is {@link #putNowait(Object)}.
     *
     * @throws QueueShutDown if the queue is shut down, before or while waiting
     * @throws CancelledError if the calling task is cancelled while waiting
     * @throws IllegalStateException if it must wait but the caller is not a task, or the queue
     *         is bound to another loop
     * @throws NullPointerException if {@code item} is null
     * @throws ClassCastException for a {@link PriorityQueue} in natural order, if {@code item}
     *         is not {@link Comparable}
     */
    public final void put(T item) {
        if (item == null) {
            throw new NullPointerException("item");
        }
        while (isFull()) {
            if (shutDown) {
                throw new QueueShutDown();
            }
            checkCanWait("put");
            putters.park(passSlotOn);
        }
        try {
            putNowait(item);
        } catch (RuntimeException e) {
            // The item was rejected (a PriorityQueue comparator): the slot this put may have been
            // woken for is still free, so the next putter must get it.
            passSlotOn();
            throw e;
        }
    }

    /**
     * Adds {@code item} if there is room, without suspending; wakes the first waiting getter.
     * The non-suspending twin of {@link #put(Object)}. Counts one more unfinished task for
     * {@link #join()}.
     *
     * @throws QueueShutDown if the queue is shut down (checked before fullness)
     * @throws QueueFull if the queue holds {@code maxsize} items
     * @throws NullPointerException if {@code item} is null
     * @throws ClassCastException for a {@link PriorityQueue} in natural order, if {@code item}
     *         is not {@link Comparable}; the queue is unchanged
     */
    public final void putNowait(T item) {
        if (item == null) {
            throw new NullPointerException("item");
        }
        if (shutDown) {
            throw new QueueShutDown();
        }
        if (isFull()) {
            throw new QueueFull();
        }
        buffer.add(item);
        unfinishedTasks++;
        getters.wakeFirst();
    }

    /**
     * Removes and returns the next item, suspending while the queue is empty. A cancellation point
     * while it waits; on a queue with an item it returns at once without yielding. A getter
     * cancelled while waiting takes no item, and a getter that was woken for an item and then
     * cancelled leaves the item queued and passes the wake-up on.
     *
     * <p>Its non-suspending twin is {@link #getNowait()}.
     *
     * @throws QueueShutDown if the queue is shut down and empty, before or while waiting
     * @throws CancelledError if the calling task is cancelled while waiting
     * @throws IllegalStateException if it must wait but the caller is not a task, or the queue
     *         is bound to another loop
     */
    public final T get() {
        while (isEmpty()) {
            if (shutDown) {
                throw new QueueShutDown();
            }
            checkCanWait("get");
            getters.park(passItemOn);
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item if there is one, without suspending; wakes the first
     * waiting putter. The non-suspending twin of {@link #get()}. After a graceful shutdown it
     * still returns the items left in the queue.
     *
     * @throws QueueShutDown if the queue is empty and shut down
     * @throws QueueEmpty if the queue is empty
     */
    public final T getNowait() {
        if (isEmpty()) {
            if (shutDown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = buffer.remove();
        putters.wakeFirst();
        return item;
    }

    /**
     * Marks one item taken from the queue as processed, for {@link #join()}: consumers call it
     * once per item they got, when they are done with it. When every item put has been marked
     * done, the tasks waiting in {@link #join()} are woken. Never suspends.
     *
     * @throws IllegalStateException if called more times than items were put (asyncio raises
     *         {@code ValueError})
     */
    public final void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            joiners.wakeAll();
        }
    }

    /**
     * Suspends until every item put has been marked done with {@link #taskDone()} (or dropped by
     * {@code shutdown(true)}). Returns at once, without yielding, if none is unfinished. A
     * cancellation point while it waits; a cancelled joiner leaves the count untouched. Once
     * woken it returns, even if more items were put before it ran.
     *
     * @throws CancelledError if the calling task is cancelled while waiting
     * @throws IllegalStateException if it must wait but the caller is not a task, or the queue
     *         is bound to another loop
     */
    public final void join() {
        if (unfinishedTasks > 0) {
            checkCanWait("join");
            joiners.park();
        }
    }

    /** {@link #shutdown(boolean) shutdown(false)}: stops puts, lets gets drain what is queued. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13): from now on {@link #put(Object)} and
     * {@link #putNowait(Object)} throw {@link QueueShutDown}, and so do {@link #get()} and
     * {@link #getNowait()} once the queue is empty. Every task waiting in {@code get} or
     * {@code put} is woken and gets {@link QueueShutDown} (a getter would find the queue empty:
     * it only waited because it was). Never suspends; calling it again is allowed, and
     * {@code shutdown(true)} after {@code shutdown(false)} still drops the items.
     *
     * @param immediate if true, the queued items are dropped and each is marked done, which may
     *        wake the tasks waiting in {@link #join()}; items already taken by consumers still
     *        need their {@link #taskDone()}
     */
    public final void shutdown(boolean immediate) {
        shutDown = true;
        if (immediate) {
            while (!isEmpty()) {
                buffer.remove();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                joiners.wakeAll();
            }
        }
        getters.wakeAll();
        putters.wakeAll();
    }

    /**
     * This queue as an {@link Iterable} for a for-each loop in a task: each step takes the next
     * item with {@link #get()}, suspending while the queue is empty, and the loop ends when the
     * queue is shut down and drained (asyncio's {@code while True: item = await q.get()} with an
     * {@code except QueueShutDown: break}).
     *
     * {@snippet :
     * for (Job job : jobs.iterate()) {
     *     run(job);
     *     jobs.taskDone();     // iteration does not mark items done
     * }
     * }
     *
     * <p>The iterator's {@link Iterator#hasNext()} is where it suspends (a cancellation point,
     * like {@code get()}): it takes the next item and holds it until {@link Iterator#next()}
     * returns it, so a for-each loop never loses one, but an iterator dropped between
     * {@code hasNext()} and {@code next()} drops its item. {@code next()} without
     * {@code hasNext()} gets an item itself. Each call of {@code iterator()} is a new consumer;
     * several tasks may iterate the same queue, each item going to one of them. It is an async
     * iterable like any other: {@link io.jasyncio.AsyncIterables#take} and its siblings apply, and
     * {@code take} stops taking items from the queue once it has its count.
     */
    public final Iterable<T> iterate() {
        return QueueIterator::new;
    }

    /** A snapshot of the queue's size, waiters, unfinished count and shutdown state. */
    public final QueueStatistics statistics() {
        return new QueueStatistics(buffer.size(), maxsize, getters.waiting(), putters.waiting(), joiners.waiting(),
                unfinishedTasks, shutDown);
    }

    /**
     * The class, {@code maxsize}, {@code qsize}, and when not zero the waiter slots
     * ({@code getters[n]}, {@code putters[n]}), the unfinished tasks ({@code tasks=n}), and
     * {@code shutdown}; as asyncio's repr, the slots include those of cancelled waiters that have
     * not run their clean-up yet ({@link #statistics()} counts only tasks still waiting).
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize)
                .append(", qsize=").append(buffer.size());
        if (getters.linked() > 0) {
            s.append(", getters[").append(getters.linked()).append(']');
        }
        if (putters.linked() > 0) {
            s.append(", putters[").append(putters.linked()).append(']');
        }
        if (unfinishedTasks > 0) {
            s.append(", tasks=").append(unfinishedTasks);
        }
        if (shutDown) {
            s.append(", shutdown");
        }
        return s.append(']').toString();
    }

    /** Checks that the caller may park, with a message that names the non-waiting twin; binds the queue to its loop. */
    private void checkCanWait(String operation) {
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("Queue." + operation + "() must wait, and only a task can wait (call it from a task, or use "
                    + (operation.equals("join") ? "statistics().unfinishedTasks()" : operation + "Nowait()") + ")");
        }
        EventLoop running = task.loop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(this + " is bound to a different event loop");
        }
    }

    /** A putter's wake-up it cannot use (cancelled, or its item rejected): the next putter gets the free slot. */
    private void passSlotOn() {
        if (!isFull()) {
            putters.wakeFirst();
        }
    }

    /** A getter's wake-up it cannot use: the next getter gets the item, if it is still there. */
    private void passItemOn() {
        if (!isEmpty()) {
            getters.wakeFirst();
        }
    }

    /** The iterator of {@link #iterate()}: one consumer of the queue. */
    private final class QueueIterator implements Iterator<T> {
        private T taken;
        private boolean ended;

        @Override
        public boolean hasNext() {
            if (taken != null) {
                return true;
            }
            if (ended) {
                return false;
            }
            try {
                taken = get();
                return true;
            } catch (QueueShutDown e) {
                // Shut down and drained: nothing can be put any more, so the end is final.
                ended = true;
                return false;
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the queue is shut down and drained");
            }
            T item = taken;
            taken = null;
            return item;
        }
    }

    /** Where the items live, in the order they come out. */
    interface Buffer<T> {
        void add(T item);

        T remove();

        int size();
    }

    private static final class FifoBuffer<T> implements Buffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        @Override
        public void add(T item) {
            items.addLast(item);
        }

        @Override
        public T remove() {
            return items.pollFirst();
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
