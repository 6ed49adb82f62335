package io.jasyncio.http.client;

/**
 * The Cleaner action of a {@link ClientSession}: when the session is garbage-collected without
 * {@link ClientSession#close()}, logs a WARNING (System.Logger {@code io.jasyncio.http.client})
 * naming the first frame outside the session that created it, with the whole creation stack
 * attached. It must not reference the session, or the session could never be collected.
 */
final class UnclosedSessionReport implements Runnable {
    private static final System.Logger LOG = System.getLogger("io.jasyncio.http.client");

    final Throwable createdAt = new Throwable("the unclosed ClientSession was created here");
    volatile boolean closed;

    @Override
    public void run() {
        if (!closed) {
            LOG.log(System.Logger.Level.WARNING, "an unclosed ClientSession was garbage-collected (created at "
                    + firstCallerFrame(createdAt) + "): its connections stay open until the process ends;"
                    + " close sessions with try-with-resources", createdAt);
        }
    }

    private static String firstCallerFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("io.jasyncio.http.client.ClientSession") && !c.equals(UnclosedSessionReport.class.getName())) {
                return e.toString();
            }
        }
        return "unknown";
    }
}
