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
 * @param tls TLS server options (asyncio's {@code ssl=}), or null for plain connections: with
 *        them each accepted connection runs the handshake first, and only one whose handshake
 *        succeeded reaches its protocol's {@code connectionMade}
 */
public record ServerOptions(int backlog, boolean reuseAddress, boolean reusePort, boolean startServing, TlsLayer tls) {
    /** Backlog 100, SO_REUSEADDR on, SO_REUSEPORT off, serving at once, no TLS. */
    public static final ServerOptions DEFAULTS = new ServerOptions(100, true, false, true, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code backlog} is not positive, or {@code tls} is for
     *         the client side
     */
    public ServerOptions {
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive: " + backlog);
        }
        if (tls != null && !tls.serverSide()) {
            throw new IllegalArgumentException("a server needs server-side TlsOptions (TlsOptions.server)");
        }
    }

    /** These options with {@code n} as the backlog. */
    public ServerOptions withBacklog(int n) {
        return new ServerOptions(n, reuseAddress, reusePort, startServing, tls);
    }

    /** These options with SO_REUSEADDR on or off. */
    public ServerOptions withReuseAddress(boolean on) {
        return new ServerOptions(backlog, on, reusePort, startServing, tls);
    }

    /** These options with SO_REUSEPORT on or off. */
    public ServerOptions withReusePort(boolean on) {
        return new ServerOptions(backlog, reuseAddress, on, startServing, tls);
    }

    /** These options with serving at once or not. */
    public ServerOptions withStartServing(boolean on) {
        return new ServerOptions(backlog, reuseAddress, reusePort, on, tls);
    }

    /**
     * These options with TLS: every accepted connection is a TLS server's (asyncio's
     * {@code ssl=}). A connection whose handshake fails or times out is closed without reaching a
     * protocol; the failure is reported to the loop's exception handler in debug mode only, and
     * otherwise logged at DEBUG level, as asyncio does. Null turns TLS off.
     *
     * @throws IllegalArgumentException if {@code tls} is for the client side
     */
    public ServerOptions withTls(TlsLayer tls) {
        return new ServerOptions(backlog, reuseAddress, reusePort, startServing, tls);
    }
}
