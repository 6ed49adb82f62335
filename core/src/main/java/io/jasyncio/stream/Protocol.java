package io.jasyncio.stream;

import java.nio.ByteBuffer;

/**
 * A stream protocol handed each chunk the transport reads: asyncio's {@code Protocol}.
 *
 * {@snippet :
 * class Echo implements Protocol {
 *     Transport transport;
 *     public void connectionMade(Transport t) { transport = t; }
 *     public void dataReceived(ByteBuffer data) { transport.write(data); }
 * }
 * }
 */
public non-sealed interface Protocol extends ConnectionProtocol {
    /**
     * Bytes arrived: {@code data}'s remaining bytes.
     *
     * <p><b>Differs from asyncio</b>, which passes a fresh {@code bytes} object: {@code data} is
     * lent, valid only until this method returns; the transport reuses it for the next read.
     * Copy what you keep (writing it to a transport copies it). This saves an allocation and a
     * copy per read on the path every byte takes.
     */
    void dataReceived(ByteBuffer data);
}
