package io.jasyncio.stream;

/**
 * What {@link Network#getNameInfo} found for a socket address: asyncio's {@code getnameinfo}
 * result, the host's name and the port as text.
 *
 * @param host the host's name, or its address in text form if it has none
 * @param service the port number in text form
 */
public record NameInfo(String host, String service) {
}
