package io.jasyncio.queue;

import java.util.ArrayDeque;

/**
 * A last-in, first-out queue (a stack) for handing items between the tasks of one event loop:
 * asyncio's {@code LifoQueue}, in Java.
 *
 * <p>Everything but the order is {@link Queue}'s: {@code put}/{@code get} suspend (cancellation
 * points, only when they wait), {@code putNowait}/{@code getNowait} throw {@link QueueFull} /
 * {@link QueueEmpty}, {@code taskDone}/{@code join}, {@code shutdown}, loop-confined. The item
 * {@code get} returns is the one put most recently. Waiting getters and putters are still woken
 * in FIFO order.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    /*
     * Implementation notes.
     *
     * Only the buffer differs from Queue: an ArrayDeque used as a stack (add and remove at the
     * tail). All waiting, cancellation and shutdown logic is Queue's.
     */

    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /** A LIFO queue that holds at most {@code maxsize} items; zero or less means unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, new StackBuffer<>());
    }

    private static final class StackBuffer<T> implements Buffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        @Override
        public void add(T item) {
            items.addLast(item);
        }

        @Override
        public T remove() {
            return items.pollLast();
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
