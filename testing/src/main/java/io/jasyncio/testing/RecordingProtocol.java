package io.jasyncio.testing;

import io.jasyncio.stream.BufferedProtocol;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol that records what its transport does to it, for {@link TransportContract}: the
 * bytes received, and the events in order ({@code made}, {@code eof}, {@code lost},
 * {@code pause}, {@code resume}; data is not listed). {@link #plain()} is a {@link Protocol},
 * {@link #buffered(int)} a {@link BufferedProtocol} that lends buffers of a given size.
 */
abstract class RecordingProtocol {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    Transport transport;
    /** What eofReceived returns: true keeps the connection open for writing. */
    boolean keepOpenOnEof;
    int lostCalls;
    Throwable lostError;
    /** The sender's write-buffer size when pauseWriting / resumeWriting were called. */
    int bufferAtPause = -1;
    int bufferAtResume = -1;

    static Plain plain() {
        return new Plain();
    }

    static Buffered buffered(int size) {
        return new Buffered(size);
    }

    public void connectionMade(Transport t) {
        transport = t;
        events.add("made");
    }

    public boolean eofReceived() {
        events.add("eof");
        return keepOpenOnEof;
    }

    public void connectionLost(Throwable exc) {
        lostCalls++;
        lostError = exc;
        events.add("lost");
    }

    public void pauseWriting() {
        bufferAtPause = transport.getWriteBufferSize();
        events.add("pause");
    }

    public void resumeWriting() {
        bufferAtResume = transport.getWriteBufferSize();
        events.add("resume");
    }

    /** This recorder as the protocol a transport takes. */
    abstract ConnectionProtocol protocol();

    /** Whether the connection was lost. */
    boolean lost() {
        return lostCalls > 0;
    }

    /** How many bytes arrived so far. */
    int received() {
        return data.size();
    }

    /** How many times {@code event} was recorded. */
    int count(String event) {
        return (int) events.stream().filter(event::equals).count();
    }

    /** A {@link Protocol} recorder. */
    static final class Plain extends RecordingProtocol implements Protocol {
        @Override
        ConnectionProtocol protocol() {
            return this;
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            data.writeBytes(bytes);
        }
    }

    /** A {@link BufferedProtocol} recorder that lends a buffer of a fixed size. */
    static final class Buffered extends RecordingProtocol implements BufferedProtocol {
        private final ByteBuffer buffer;

        @Override
        ConnectionProtocol protocol() {
            return this;
        }

        Buffered(int size) {
            buffer = ByteBuffer.allocate(size);
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int nbytes) {
            data.write(buffer.array(), 0, nbytes);
        }
    }
}
