package io.jasyncio.stream;

import java.nio.ByteBuffer;

/**
 * The echo server protocol of the interoperability and load tests: writes back what it reads,
 * stops reading while its write buffer is over the high-water mark (so a client that does not
 * read cannot grow it), and on the client's EOF closes once the echo is sent, so a half-closed
 * client reads everything back. Counts into a {@link Stats} shared by a server's connections.
 */
final class EchoProtocol implements Protocol {
    /** What every connection of one server did; loop-confined, like the protocols. */
    static final class Stats {
        long echoed;
        int open;
        int maxOpen;
        int lost;
        int lostWithError;
    }

    private final Stats stats;
    private Transport transport;

    EchoProtocol(Stats stats) {
        this.stats = stats;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        stats.maxOpen = Math.max(stats.maxOpen, ++stats.open);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        stats.echoed += data.remaining();
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

    @Override
    public void connectionLost(Throwable exc) {
        stats.open--;
        stats.lost++;
        if (exc != null) {
            stats.lostWithError++;
        }
    }
}
