package io.jasyncio.queue;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * A queue that hands out its lowest item first, for the tasks of one event loop: asyncio's
 * {@code PriorityQueue}, in Java.
 *
 * <p>The order is a {@link Comparator}'s, or the items' natural order (they must then be
 * {@link Comparable}). Where asyncio puts {@code (priority, data)} tuples, give a comparator
 * on the priority field: {@code new PriorityQueue<Job>(Comparator.comparingInt(Job::priority))}.
 *
 * <p><b>Stable:</b> items that compare equal come out in the order they were put. (asyncio's
 * heap is not stable, which is why its users add a counter to their tuples; here that is not
 * needed.)
 *
 * <p>Everything but the order is {@link Queue}'s: {@code put}/{@code get} suspend (cancellation
 * points, only when they wait), {@code putNowait}/{@code getNowait} throw {@link QueueFull} /
 * {@link QueueEmpty}, {@code taskDone}/{@code join}, {@code shutdown}, loop-confined. Waiting
 * getters and putters are still woken in FIFO order, whatever their items' priority.
 *
 * <p>An item that cannot be ordered (not {@link Comparable} in natural order, or one the
 * comparator throws on) is rejected by {@code put}/{@code putNowait} with the comparator's
 * exception, and the queue is left as it was.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    /*
     * Implementation notes.
     *
     * The buffer is a TreeSet of (item, sequence) entries ordered by the comparator, then by
     * the sequence number each put draws: that is what makes equal items come out FIFO, and
     * keeps every entry distinct. A TreeSet rather than a binary heap because an insertion does
     * all its comparisons before it changes the tree, so an item the comparator throws on leaves
     * the queue exactly as it was (java.util.PriorityQueue's sift-up moves entries between
     * comparisons and can lose one if a later comparison throws). add and pollFirst are
     * O(log n), like a heap's.
     */

    /** An unbounded queue in the items' natural order; items must be {@link Comparable}. */
    public PriorityQueue() {
        this(0);
    }

    /**
     * A queue in the items' natural order that holds at most {@code maxsize} items (zero or less:
     * unbounded); items must be {@link Comparable}.
     */
    public PriorityQueue(int maxsize) {
        super(maxsize, new SortedBuffer<>(null));
    }

    /** An unbounded queue in {@code comparator}'s order. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * A queue in {@code comparator}'s order that holds at most {@code maxsize} items (zero or
     * less: unbounded).
     *
     * @throws NullPointerException if {@code comparator} is null
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new SortedBuffer<>(requireComparator(comparator)));
    }

    private static <T> Comparator<? super T> requireComparator(Comparator<? super T> comparator) {
        if (comparator == null) {
            throw new NullPointerException("comparator");
        }
        return comparator;
    }

    private record Entry<T>(T item, long sequence) {
    }

    private static final class SortedBuffer<T> implements Buffer<T> {
        private final boolean natural;
        private final TreeSet<Entry<T>> tree;
        private long sequence;

        @SuppressWarnings("unchecked")
        SortedBuffer(Comparator<? super T> comparator) {
            this.natural = comparator == null;
            Comparator<? super T> order = natural ? (a, b) -> ((Comparable<Object>) a).compareTo(b) : comparator;
            this.tree = new TreeSet<>((x, y) -> {
                int c = order.compare(x.item(), y.item());
                return c != 0 ? c : Long.compare(x.sequence(), y.sequence());
            });
        }

        @Override
        public void add(T item) {
            if (natural && !(item instanceof Comparable)) {
                throw new ClassCastException(item.getClass().getName() + " is not Comparable: give the PriorityQueue a Comparator");
            }
            tree.add(new Entry<>(item, sequence));
            sequence++;
        }

        @Override
        public T remove() {
            return tree.pollFirst().item();
        }

        @Override
        public int size() {
            return tree.size();
        }
    }
}
