package io.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * The echo server protocol of the interoperability and load tests: writes back what it reads,
 * stops reading while its write buffer is over the high-water mark (so a client that does not
 * read cannot grow it), and on the client's EOF closes once the echo is sent, so a half-closed
 * client reads everything back. Counts the bytes it echoed into {@code echoed}.
 */
final class EchoProtocol implements Protocol {
    private final LongAdder echoed;
    private Transport transport;

    EchoProtocol(LongAdder echoed) {
        this.echoed = echoed;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        echoed.add(data.remaining());
        transport.write(data);
    }

    @Override
    public boolean eofReceived() {
        transport.close();
        return true;
    }

    @Override
    public void pauseWriting() {
        transport.pauseReading();
    }

    @Override
    public void resumeWriting() {
        transport.resumeReading();
    }
}
