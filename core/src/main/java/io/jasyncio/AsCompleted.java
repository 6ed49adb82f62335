package io.jasyncio;

import io.jasyncio.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The iterable of {@link Asyncio#asCompleted}: its iterator's {@code next()} suspends until the
 * next future is done and returns that future (asyncio 3.13 yields the original futures too).
 * Iterate it once, in the task that created it.
 */
final class AsCompleted<T> implements Iterable<Future<T>> {
    /*
     * Implementation notes.
     *
     * Done callbacks move futures from `todo` to `done` in completion order and complete the
     * task parked in `waiting`, if any. On timeout `timedOut` is set and the waiter woken; every next()
     * from then on that finds nothing done throws. hasNext() never suspends.
     */
    private final EventLoop loop;
    private final Set<Future<T>> todo = new LinkedHashSet<>();
    private final ArrayDeque<Future<T>> done = new ArrayDeque<>();
    private final Consumer<Future<T>> onDone = this::completed;
    private final ParkingLot waiting = new ParkingLot(this);
    private TimerHandle timer;
    private boolean timedOut;
    private boolean iterated;

    AsCompleted(EventLoop loop, List<? extends Future<T>> futures, Duration timeout) {
        this.loop = loop;
        todo.addAll(futures);
        for (Future<T> f : List.copyOf(todo)) {
            f.addDoneCallback(onDone);
        }
        if (timeout != null && !todo.isEmpty()) {
            timer = loop.callLater(timeout, this::expire);
        }
    }

    private void completed(Future<T> f) {
        if (!todo.remove(f)) {
            return;
        }
        done.add(f);
        if (todo.isEmpty() && timer != null) {
            timer.cancel();
            timer = null;
        }
        wake();
    }

    private void expire() {
        timer = null;
        timedOut = true;
        for (Future<T> f : todo) {
            f.removeDoneCallback(onDone);
        }
        wake();
    }

    private void wake() {
        waiting.wakeAll();
    }

    @Override
    public Iterator<Future<T>> iterator() {
        if (iterated) {
            throw new IllegalStateException("asCompleted can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !done.isEmpty() || (!todo.isEmpty());
            }

            @Override
            public Future<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                while (done.isEmpty()) {
                    if (timedOut) {
                        // One timeout per future still pending, then the iteration ends, as asyncio.
                        Iterator<Future<T>> pending = todo.iterator();
                        pending.next();
                        pending.remove();
                        throw new AsyncTimeoutException("asCompleted: " + (todo.size() + 1) + " futures still pending at the deadline");
                    }
                    ParkingLot.Waiter waiter = waiting.enqueue();
                    try {
                        waiter.await();
                    } catch (CancelledError e) {
                        cancelTimer();
                        throw e;
                    }
                }
                return done.poll();
            }
        };
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
