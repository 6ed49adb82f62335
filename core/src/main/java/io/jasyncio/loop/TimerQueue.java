package io.jasyncio.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The loop's timers in deadline order (ties in scheduling order), with lazy cancellation. */
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
     * A heap that stays large still costs misses per pop, so once the heap holds HEAP_LIMIT
     * timers, further timers go unsorted into buckets of 2^BUCKET_SHIFT ns (about 1 ms) of
     * deadline, kept in a TreeMap by bucket number; an add is then an append. Invariant: every
     * timer in the heap is due before every bucketed one, restored lazily by peek(): while the
     * first bucket starts at or before the heap's head (or the heap is empty), that bucket is
     * poured into the heap. So the heap holds about HEAP_LIMIT timers plus one bucket, small
     * enough to stay in cache, however many timers are pending.
     *
     * Cancelled timers stay where they are (cancel is O(1)); the loop counts them and calls
     * compact() when they are more than half of a heap of at least MIN_FOR_COMPACTION entries,
     * the thresholds asyncio uses. Cancelled timers that reach the head are dropped by the pop
     * methods. Invariant: for every i > 0, entry i is not before its parent (i - 1) / 4; slots
     * at and past size are null (handles) and unspecified (whens).
     */
    static final int MIN_FOR_COMPACTION = 100;
    /** Heap size from which new timers are bucketed instead of sifted in. */
    static final int HEAP_LIMIT = 4096;
    /** A bucket spans 2^20 ns (about 1 ms) of deadlines. */
    static final int BUCKET_SHIFT = 20;

    private long[] whens = new long[16];
    private TimerHandle[] handles = new TimerHandle[16];
    private int size;
    private final TreeMap<Long, ArrayList<TimerHandle>> buckets = new TreeMap<>();
    private int bucketed;
    private int cancelled;

    /** Timers held, cancelled ones included. */
    int size() {
        return size + bucketed;
    }

    /** Timers held that are not cancelled. */
    int live() {
        return size + bucketed - cancelled;
    }

    void add(TimerHandle timer) {
        if (size >= HEAP_LIMIT) {
            buckets.computeIfAbsent(timer.when() >> BUCKET_SHIFT, k -> new ArrayList<>()).add(timer);
            bucketed++;
        } else {
            push(timer);
        }
    }

    void noteCancelled() {
        cancelled++;
        if (size() >= MIN_FOR_COMPACTION && cancelled * 2 > size()) {
            compact();
        }
    }

    /** The earliest live timer, dropping cancelled ones at the head; null if none. */
    TimerHandle peek() {
        while (true) {
            if (bucketed > 0 && (size == 0 || whens[0] >= buckets.firstKey() << BUCKET_SHIFT)) {
                ArrayList<TimerHandle> first = buckets.pollFirstEntry().getValue();
                bucketed -= first.size();
                first.forEach(this::push);
            } else if (size > 0 && handles[0].isCancelled()) {
                removeHead();
                cancelled--;
            } else {
                return size == 0 ? null : handles[0];
            }
        }
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
        buckets.values().forEach(b -> b.forEach(t -> t.scheduled = false));
        buckets.clear();
        size = 0;
        bucketed = 0;
        cancelled = 0;
    }

    private void push(TimerHandle timer) {
        if (size == handles.length) {
            handles = Arrays.copyOf(handles, size * 2);
            whens = Arrays.copyOf(whens, size * 2);
        }
        siftUp(size++, timer, timer.when());
    }

    private void compact() {
        for (var it = buckets.values().iterator(); it.hasNext(); ) {
            ArrayList<TimerHandle> bucket = it.next();
            int before = bucket.size();
            bucket.removeIf(t -> {
                if (t.isCancelled()) {
                    t.scheduled = false;
                    return true;
                }
                return false;
            });
            bucketed -= before - bucket.size();
            if (bucket.isEmpty()) {
                it.remove();
            }
        }
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
