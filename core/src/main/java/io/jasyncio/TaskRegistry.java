package io.jasyncio;

import io.jasyncio.loop.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one event loop keeps track of for its tasks: the task running now, every unfinished
 * task (held strongly, so a fire-and-forget task never vanishes), and the failed futures whose
 * exception nobody has retrieved yet.
 *
 * <p>Loop implementations create one and call {@link #loopClosed} from their {@code close()};
 * users reach it through {@link EventLoop#currentTask()} and {@link EventLoop#allTasks()}.
 *
 * <p><b>Differs from asyncio,</b> which holds tasks weakly and so loses a task nobody references
 * ("Task was destroyed but it is pending!").
 */
public final class TaskRegistry {
    /*
     * Implementation notes.
     *
     * Unfinished tasks form an intrusive doubly-linked list through Task.prev/next: adding and
     * removing cost two field writes and no allocation, which matters when a million tasks are
     * spawned. Loop-confined, except `unretrieved`, which the Cleaner thread also touches.
     */
    private Task<?> current;
    private Task<?> head;
    private int size;
    private final Set<UnretrievedReport> unretrieved = ConcurrentHashMap.newKeySet();
    private final Set<AsyncGenerator<?>> openGenerators = new LinkedHashSet<>();

    /** A registry with no tasks. */
    public TaskRegistry() {
    }

    /** The task whose step is running, or null. */
    public Task<?> current() {
        return current;
    }

    /** A snapshot of the unfinished tasks, oldest first. */
    public Set<Task<?>> all() {
        List<Task<?>> list = new ArrayList<>(size);
        for (Task<?> t = head; t != null; t = t.next) {
            list.add(t);
        }
        Collections.reverse(list);
        return new LinkedHashSet<>(list);
    }

    /** How many tasks are unfinished. */
    public int size() {
        return size;
    }

    /**
     * Reports, through the loop's exception handler, every exception that was never retrieved.
     * Called by loop implementations when they close.
     */
    public void loopClosed(EventLoop loop) {
        for (UnretrievedReport r : List.copyOf(unretrieved)) {
            r.reportAtClose();
        }
        unretrieved.clear();
    }

    void enter(Task<?> task) {
        if (current != null) {
            throw new IllegalStateException("cannot enter " + task + " while " + current + " is running");
        }
        current = task;
    }

    void leave(Task<?> task) {
        current = null;
    }

    void add(Task<?> task) {
        task.next = head;
        if (head != null) {
            head.prev = task;
        }
        head = task;
        size++;
    }

    void remove(Task<?> task) {
        if (task.prev != null) {
            task.prev.next = task.next;
        } else if (head == task) {
            head = task.next;
        } else {
            return;
        }
        if (task.next != null) {
            task.next.prev = task.prev;
        }
        task.prev = null;
        task.next = null;
        size--;
    }

    /** The async generators started on this loop and not yet ended or closed, oldest first. */
    public Set<AsyncGenerator<?>> openGenerators() {
        return new LinkedHashSet<>(openGenerators);
    }

    void generatorStarted(AsyncGenerator<?> generator) {
        openGenerators.add(generator);
    }

    void generatorEnded(AsyncGenerator<?> generator) {
        openGenerators.remove(generator);
    }

    void track(UnretrievedReport report) {
        unretrieved.add(report);
    }

    void untrack(UnretrievedReport report) {
        unretrieved.remove(report);
    }
}
