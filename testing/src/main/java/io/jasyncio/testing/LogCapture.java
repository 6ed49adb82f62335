package io.jasyncio.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what jasyncio logs (its {@code System.Logger} "io.jasyncio", which the JDK routes to
 * java.util.logging) while it is open; for tests of debug-mode reports.
 *
 * {@snippet :
 * try (LogCapture log = LogCapture.start()) {
 *     ...
 *     assertTrue(log.messages().stream().anyMatch(m -> m.contains("took")));
 * }
 * }
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.jasyncio");
    private final List<String> messages = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (messages) {
                messages.add(record.getLevel() + " " + record.getMessage()
                        + (record.getThrown() == null ? "" : " | " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final boolean parentHandlers;

    private LogCapture() {
        parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        handler.setLevel(Level.ALL);
    }

    /** Starts capturing; close it to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** A snapshot of the messages so far, each prefixed by its level. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Stops capturing and restores the logger. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
