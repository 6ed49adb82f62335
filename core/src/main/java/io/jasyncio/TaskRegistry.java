package io.jasyncio;

import io.jasyncio.internal.Kernel;
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
 * <p>The task layer's state on a loop: made on first use and attached to the scheduler through
 * the {@link Kernel}, which calls {@link #loopClosed} when the loop closes. Users reach it
 * through {@link EventLoop#currentTask()} and {@link EventLoop#allTasks()}.
 *
 * <p><b>Differs from asyncio,</b> which holds tasks weakly and so loses a task nobody references
 * ("Task was destroyed but it is pending!").
 */
final class TaskRegistry {
    /*
     * Implementation notes.
     *
     * Unfinished tasks form an intrusive doubly-linked list through Task.prev/next: adding and
     * removing cost two field writes and no allocation, which matters when a million tasks are
     * spawned. Loop-confined, except `unretrieved`, which the Cleaner thread also touches.
     */
    /** How the task layer reaches the scheduler; constant, so the JIT can inline through it. */
    static final Kernel KERNEL = Kernel.get();

    private Task<?> current;
    private Task<?> head;
    private int size;
    private final Set<UnretrievedReport> unretrieved = ConcurrentHashMap.newKeySet();
    private final Set<AsyncGenerator<?>> openGenerators = new LinkedHashSet<>();

    /** A registry with no tasks. */
    TaskRegistry() {
    }

    /** The registry of {@code loop}, made and attached on first use. Loop-confined. */
    static TaskRegistry of(EventLoop loop) {
        Object a = KERNEL.attachment(loop);
        if (a != null) {
            return (TaskRegistry) a;
        }
        TaskRegistry r = new TaskRegistry();
        KERNEL.attach(loop, r, r::loopClosed);
        return r;
    }

    /** The task whose step is running, or null. */
    Task<?> current() {
        return current;
    }

    /** A snapshot of the unfinished tasks, oldest first. */
    Set<Task<?>> all() {
        List<Task<?>> list = new ArrayList<>(size);
        for (Task<?> t = head; t != null; t = t.next) {
            list.add(t);
        }
        Collections.reverse(list);
        return new LinkedHashSet<>(list);
    }

    /** How many tasks are unfinished. */
    int size() {
        return size;
    }

    /** Reports, through the loop's exception handler, every exception that was never retrieved. */
    private void loopClosed() {
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
    Set<AsyncGenerator<?>> openGenerators() {
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
