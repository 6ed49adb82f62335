package io.jasyncio.stream;

/**
 * A datagram endpoint made by {@link Network#createDatagramEndpoint}: the transport and the
 * protocol the factory made, as asyncio's {@code (transport, protocol)} pair.
 *
 * @param transport the endpoint's transport
 * @param protocol the protocol receiving its events
 * @param <P> the protocol's type
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
}
