package io.jasyncio.stream;

/**
 * How a transport made by a {@link SocketTransportProvider} tells the {@link Server} that
 * accepted its connection that it exists and when it is gone: an SPI handle, opaque to the
 * transport (it reveals nothing of the server). The server counts attached transports for
 * {@link Server#waitClosed()} and reaches them from {@link Server#closeClients()} and
 * {@link Server#abortClients()}.
 *
 * <p>Loop-confined, like the server.
 */
public final class ServerHook {
    private final Server server;

    ServerHook(Server server) {
        this.server = server;
    }

    /** Counts {@code transport} among the server's connections; call it once, when the transport is made. */
    public void attach(BaseTransport transport) {
        server.attach(transport);
    }

    /**
     * Forgets {@code transport}; call it once, after its {@code connectionLost} and after its
     * socket is closed (or its close is under way). The last detach of a closed server wakes
     * {@link Server#waitClosed()}.
     */
    public void detach(BaseTransport transport) {
        server.detach(transport);
    }

    @Override
    public String toString() {
        return "ServerHook[" + server + "]";
    }
}
