package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.ContextVar;
import java.time.Duration;

/**
 * Task-local state with {@link ContextVar}: each request handler sets its own request id, the
 * helpers it calls (and the tasks and threads it starts) see it, and concurrent handlers do not
 * see each other's. A {@code ThreadLocal} would be shared by all of them: they run on one thread.
 */
public final class ContextVarDemo {
    private ContextVarDemo() {
    }

    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");

    static void log(String message) {
        System.out.println("[" + REQUEST_ID.get() + "] " + message);
    }

    static void handle(String id, Duration work) {
        REQUEST_ID.set(id);
        log("start");
        sleep(work);                                        // other handlers run meanwhile
        String fromThread = toThread(REQUEST_ID::get);      // carried to the worker thread
        log("done (worker saw " + fromThread + ")");
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            gather(() -> handle("req-1", Duration.ofMillis(200)), () -> handle("req-2", Duration.ofMillis(100)));
            log("main task never set it");
        });
    }
}
