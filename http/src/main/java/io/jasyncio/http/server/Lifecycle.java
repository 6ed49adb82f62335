package io.jasyncio.http.server;

/**
 * Hooks a server runs around its life, in the order aiohttp's runner does: {@link #startup}
 * before it accepts the first connection; on shutdown it stops accepting, runs
 * {@link #shutdown}, lets in-flight requests finish within the grace period, closes idle
 * connections and cancels what is left, then runs {@link #cleanup}. Each runs in a task on the
 * server's loop and may suspend. An {@code Application} implements it; a plain {@link Handler}
 * that also implements it gets the same calls.
 */
public interface Lifecycle {
    /**
     * Runs before the server accepts connections; an exception stops the start.
     *
     * @throws Exception anything: the server does not start and rethrows it
     */
    default void startup() throws Exception {
    }

    /**
     * Runs once the server has stopped accepting, before in-flight requests are waited for.
     *
     * @throws Exception anything: logged; shutdown goes on
     */
    default void shutdown() throws Exception {
    }

    /**
     * Runs last, once every connection is closed.
     *
     * @throws Exception anything: logged; shutdown goes on
     */
    default void cleanup() throws Exception {
    }
}
