package io.jasyncio.testing;

import io.jasyncio.Task;
import io.jasyncio.EventLoop;
import java.util.ArrayList;
import java.util.List;

/** What a loop still holds after a test: unfinished tasks, live timers, ready callbacks, I/O registrations. */
final class LeakCheck {
    private LeakCheck() {
    }

    static int readyCount(EventLoop loop) {
        return loop.statistics().readyCallbacks();
    }

    static int liveTimers(EventLoop loop) {
        return loop.statistics().liveTimers();
    }

    static int liveRegistrations(EventLoop loop) {
        return loop.statistics().ioRegistrations();
    }

    /** Descriptions of what leaked; empty if nothing. */
    static List<String> leaks(EventLoop loop) {
        List<String> leaks = new ArrayList<>();
        for (Task<?> t : loop.allTasks()) {
            leaks.add("unfinished task " + t);
        }
        if (!leaks.isEmpty() && !loop.getDebug()) {
            // Recording every creation site costs a stack trace per future, so only debug mode does.
            leaks.add("(in debug mode, -Djasyncio.debug=true, each task names the line that created it)");
        }
        int timers = liveTimers(loop);
        if (timers > 0) {
            leaks.add(timers + " timer(s) still scheduled");
        }
        int io = liveRegistrations(loop);
        if (io > 0) {
            leaks.add(io + " channel(s) still have a reader or writer registered");
        }
        int ready = readyCount(loop);
        if (ready > 0) {
            leaks.add(ready + " callback(s) still ready to run");
        }
        return leaks;
    }
}
