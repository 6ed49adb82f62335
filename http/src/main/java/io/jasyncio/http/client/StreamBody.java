package io.jasyncio.http.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

/** Buffers from an iterable that may suspend (an {@link io.jasyncio.AsyncGenerator}), written once each as they come. */
final class StreamBody implements Payload {
    private final Iterable<ByteBuffer> source;
    private final long length;
    private final String contentType;
    private boolean written;

    StreamBody(Iterable<ByteBuffer> source, long length, String contentType) {
        if (length < -1) {
            throw new IllegalArgumentException("length " + length + ": -1 (unknown) or more");
        }
        this.source = source;
        this.length = length;
        this.contentType = contentType;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public void writeTo(PayloadSink sink) throws IOException {
        if (written) {
            throw new IllegalStateException("a streamed body can be sent once: " + this);
        }
        written = true;
        try {
            long sent = 0;
            Iterator<ByteBuffer> it = source.iterator();
            while (it.hasNext()) {
                ByteBuffer b = it.next();
                if (b == null || !b.hasRemaining()) {
                    continue;
                }
                sent += b.remaining();
                if (length >= 0 && sent > length) {
                    throw new IOException("the stream yielded more than the " + length + " bytes announced");
                }
                sink.write(b);
            }
            if (length >= 0 && sent != length) {
                throw new IOException("the stream yielded " + sent + " bytes, " + length + " announced");
            }
        } finally {
            if (source instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException("closing the body's source failed", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Payload.stream(" + (length < 0 ? "chunked" : length + " bytes") + ")";
    }
}
