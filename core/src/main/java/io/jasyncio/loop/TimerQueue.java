package io.jasyncio.loop;

import java.util.Arrays;
import java.util.function.Consumer;

/** A min-heap of timers in deadline order (ties in scheduling order), with lazy cancellation. */
final class TimerQueue {
    /*
     * Implementation notes.
     *
     * A 4-ary heap kept in two parallel arrays: whens[i] is the deadline of handles[i]. A million
     * pending timers (1M concurrent sleeps) make the heap far larger than the CPU caches, and the
     * cost of a pop is then its cache misses, not its comparisons. A binary heap of handle
     * references paid ~20 levels x (one line of references + two handle objects at random
     * addresses) per pop: profiled, that was 90% of the loop's time in the 1M-sleeps benchmark.
     * Here a level is one or two lines of whens (the four children are adjacent) plus the line of
     * handles the winner moves through, over half as many levels; a handle object is read only
     * to break a tie of equal deadlines (by sequence) or to check the head for cancellation.
     *
     * Cancelled timers stay in the heap (cancel is O(1)); the loop counts them and calls
     * compact() when they are more than half of a heap of at least MIN_FOR_COMPACTION entries,
     * the thresholds asyncio uses. Cancelled timers that reach the head are dropped by the pop
     * methods. Invariant: for every i > 0, entry i is not before its parent (i - 1) / 4; slots
     * at and past size are null (handles) and unspecified (whens).
     */
    static final int MIN_FOR_COMPACTION = 100;

    private long[] whens = new long[16];
    private TimerHandle[] handles = new TimerHandle[16];
    private int size;
    private int cancelled;

    int size() {
        return size;
    }

    /** Timers in the heap that are not cancelled. */
    int live() {
        return size - cancelled;
    }

    void add(TimerHandle timer) {
        if (size == handles.length) {
            handles = Arrays.copyOf(handles, size * 2);
            whens = Arrays.copyOf(whens, size * 2);
        }
        siftUp(size++, timer, timer.when());
    }

    void noteCancelled() {
        cancelled++;
        if (size >= MIN_FOR_COMPACTION && cancelled * 2 > size) {
            compact();
        }
    }

    /** The earliest live timer, dropping cancelled ones at the head; null if none. */
    TimerHandle peek() {
        while (size > 0 && handles[0].isCancelled()) {
            removeHead();
            cancelled--;
        }
        return size == 0 ? null : handles[0];
    }

    /** Removes every live timer due before {@code end}, in deadline order, passing each on. */
    void popDue(long end, Consumer<TimerHandle> sink) {
        TimerHandle head;
        while ((head = peek()) != null && whens[0] < end) {
            removeHead();
            sink.accept(head);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            handles[i].scheduled = false;
            handles[i] = null;
        }
        size = 0;
        cancelled = 0;
    }

    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            TimerHandle t = handles[i];
            if (t.isCancelled()) {
                t.scheduled = false;
            } else {
                whens[kept] = whens[i];
                handles[kept++] = t;
            }
        }
        Arrays.fill(handles, kept, size, null);
        size = kept;
        cancelled = 0;
        for (int i = (size - 2) >>> 2; size > 1 && i >= 0; i--) {
            siftDown(i, handles[i], whens[i]);
        }
    }

    private void removeHead() {
        handles[0].scheduled = false;
        size--;
        TimerHandle last = handles[size];
        handles[size] = null;
        if (size > 0) {
            siftDown(0, last, whens[size]);
        }
    }

    /** Whether the timer at {@code i} is due before {@code t}, whose deadline is {@code when}. */
    private boolean before(int i, long when, TimerHandle t) {
        long w = whens[i];
        return w < when || (w == when && handles[i].sequence < t.sequence);
    }

    /** Puts {@code t} (deadline {@code when}) into the hole at {@code i}, moving it towards the root. */
    private void siftUp(int i, TimerHandle t, long when) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (before(parent, when, t)) {
                break;
            }
            whens[i] = whens[parent];
            handles[i] = handles[parent];
            i = parent;
        }
        whens[i] = when;
        handles[i] = t;
    }

    /** Puts {@code t} (deadline {@code when}) into the hole at {@code i}, moving it towards the leaves. */
    private void siftDown(int i, TimerHandle t, long when) {
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                if (whens[c] < whens[best] || (whens[c] == whens[best] && handles[c].sequence < handles[best].sequence)) {
                    best = c;
                }
            }
            if (!before(best, when, t)) {
                break;
            }
            whens[i] = whens[best];
            handles[i] = handles[best];
            i = best;
        }
        whens[i] = when;
        handles[i] = t;
    }
}
