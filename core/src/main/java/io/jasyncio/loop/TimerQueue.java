package io.jasyncio.loop;

import java.util.Arrays;
import java.util.function.Consumer;

/** A binary min-heap of timers in deadline order, with lazy cancellation. */
final class TimerQueue {
    /*
     * Implementation notes.
     *
     * Cancelled timers stay in the heap (cancel is O(1)); the loop counts them and calls
     * compact() when they are more than half of a heap of at least MIN_FOR_COMPACTION entries,
     * the thresholds asyncio uses. Cancelled timers that reach the head are dropped by the pop
     * methods.
     */
    static final int MIN_FOR_COMPACTION = 100;

    private TimerHandle[] heap = new TimerHandle[16];
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
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        siftUp(size++);
    }

    void noteCancelled() {
        cancelled++;
        if (size >= MIN_FOR_COMPACTION && cancelled * 2 > size) {
            compact();
        }
    }

    /** The earliest live timer, dropping cancelled ones at the head; null if none. */
    TimerHandle peek() {
        while (size > 0 && heap[0].isCancelled()) {
            removeHead();
            cancelled--;
        }
        return size == 0 ? null : heap[0];
    }

    /** Removes every live timer due before {@code end}, in deadline order, passing each on. */
    void popDue(long end, Consumer<TimerHandle> sink) {
        TimerHandle head;
        while ((head = peek()) != null && head.when() < end) {
            removeHead();
            sink.accept(head);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].scheduled = false;
            heap[i] = null;
        }
        size = 0;
        cancelled = 0;
    }

    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            TimerHandle t = heap[i];
            if (t.isCancelled()) {
                t.scheduled = false;
            } else {
                heap[kept++] = t;
            }
        }
        Arrays.fill(heap, kept, size, null);
        size = kept;
        cancelled = 0;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void removeHead() {
        TimerHandle head = heap[0];
        head.scheduled = false;
        size--;
        heap[0] = heap[size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        TimerHandle t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!t.before(heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = t;
    }

    private void siftDown(int i) {
        TimerHandle t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].before(heap[child])) {
                child = right;
            }
            if (!heap[child].before(t)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = t;
    }
}
