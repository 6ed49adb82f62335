package io.jasyncio.stream;

import io.jasyncio.Future;
import java.nio.channels.SocketChannel;

/**
 * Implemented by an event loop that has transports of its own for connected stream sockets (the
 * io_uring loop's completion-based transport): an SPI, not an API for applications.
 * {@link Network#createConnection}, {@link Network#createUnixConnection}, the connections a
 * {@link Server} accepts and the socket under a TLS connection ask the running loop for their
 * transport when the loop implements this interface, and fall back to this package's own
 * readiness-based transport (asyncio's {@code _SelectorSocketTransport}) when it does not or
 * when {@link #createSocketTransport} returns null.
 *
 * <p>asyncio has the same seam as the loop's {@code _make_socket_transport} method, which the
 * proactor loop overrides.
 */
public interface SocketTransportProvider {
    /**
     * A transport over the connected, non-blocking {@code channel}, or null to let the caller use
     * the readiness-based transport (for a channel this loop cannot drive). Called on the loop
     * thread, inside a task or a callback. The transport must behave as the readiness-based one:
     *
     * <ul>
     *   <li>in later loop iterations (never during this call) it calls
     *       {@code protocol.connectionMade(transport)}, then starts reading, then completes
     *       {@code waiter} (if not null) with null;</li>
     *   <li>it owns {@code channel} from now on: it closes it after {@code connectionLost}, and
     *       the channel keeps answering for the socket's options and addresses
     *       ({@link BaseTransport#SOCKET} extra info is the channel);</li>
     *   <li>if {@code server} is not null, it calls {@link ServerHook#attach} with itself before
     *       this method returns and {@link ServerHook#detach} once, after its
     *       {@code connectionLost}, so that the server's {@code closeClients},
     *       {@code abortClients} and {@code waitClosed} see it.</li>
     * </ul>
     *
     * @param channel a connected socket in non-blocking mode (TCP or Unix-domain)
     * @param protocol the protocol that receives the events
     * @param waiter completed once the protocol heard {@code connectionMade}; may be null
     * @param server the accepting server's hook, or null for an outgoing connection
     * @return the transport, or null to decline
     * @throws java.io.IOException if the transport cannot be set up (the caller closes the channel)
     */
    Transport createSocketTransport(SocketChannel channel, ConnectionProtocol protocol, Future<Void> waiter, ServerHook server)
            throws java.io.IOException;
}
