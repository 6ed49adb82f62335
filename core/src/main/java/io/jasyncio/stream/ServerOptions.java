package io.jasyncio.stream;

/**
 * Options of {@link Network#createServer} and {@link Network#createUnixServer}: asyncio's keyword
 * arguments of {@code create_server} that apply here. Start from {@link #DEFAULTS}.
 *
 * @param backlog the listen queue length, and how many connections one readiness event accepts
 *        at most (asyncio's default 100)
 * @param reuseAddress SO_REUSEADDR (asyncio's default on Unix: true)
 * @param reusePort SO_REUSEPORT, so that several servers (one per loop, say) share a port
 * @param startServing whether to accept at once; if false, call {@link Server#startServing()}
 */
public record ServerOptions(int backlog, boolean reuseAddress, boolean reusePort, boolean startServing) {
    /** Backlog 100, SO_REUSEADDR on, SO_REUSEPORT off, serving at once. */
    public static final ServerOptions DEFAULTS = new ServerOptions(100, true, false, true);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code backlog} is not positive
     */
    public ServerOptions {
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive: " + backlog);
        }
    }

    /** These options with {@code n} as the backlog. */
    public ServerOptions withBacklog(int n) {
        return new ServerOptions(n, reuseAddress, reusePort, startServing);
    }

    /** These options with SO_REUSEADDR on or off. */
    public ServerOptions withReuseAddress(boolean on) {
        return new ServerOptions(backlog, on, reusePort, startServing);
    }

    /** These options with SO_REUSEPORT on or off. */
    public ServerOptions withReusePort(boolean on) {
        return new ServerOptions(backlog, reuseAddress, on, startServing);
    }

    /** These options with serving at once or not. */
    public ServerOptions withStartServing(boolean on) {
        return new ServerOptions(backlog, reuseAddress, reusePort, on);
    }
}
