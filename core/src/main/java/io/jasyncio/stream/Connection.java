package io.jasyncio.stream;

/**
 * A stream connection made by {@link Network#createConnection} or
 * {@link Network#createUnixConnection}: the transport and the protocol the factory made, as
 * asyncio's {@code (transport, protocol)} pair.
 *
 * @param transport the connection's transport
 * @param protocol the protocol receiving its events
 * @param <P> the protocol's type
 */
public record Connection<P extends ConnectionProtocol>(Transport transport, P protocol) {
}
