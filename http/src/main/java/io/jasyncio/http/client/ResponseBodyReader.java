package io.jasyncio.http.client;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Reads one response's body from its {@link Exchange}, decoding {@code Content-Encoding} through a
 * {@link ContentDecoder}, and releases the exchange exactly once: back to the pool after the last
 * byte, or on {@link #close()} (the pool drains or drops), or dropped on an error, on
 * {@link #abort()}, and when the response is garbage-collected unreleased.
 */
final class ResponseBodyReader {
    private static final System.Logger LOG = System.getLogger("io.jasyncio.http.client");
    private static final Cleaner CLEANER = Cleaner.create();

    private enum State { UNREAD, READING, DONE, CLOSED }

    /* Implementation notes: UNREAD -> READING on the first read; READING -> DONE when the exchange
     * (and the decoder) reported the end, releasing the exchange to the pool; any of UNREAD/READING
     * -> CLOSED on close/abort/error. DONE and CLOSED are final and hold no connection. `pending`
     * is compressed input the decoder has not fully turned into output yet: the decoder's output per
     * call is bounded, so it is called again with the same buffer until it gives nothing.
     * The Cleaner's action holds the exchange and the loop but not the response, so an abandoned
     * response can be collected; the action runs on the Cleaner's thread and hands the abort to
     * the loop. */

    private final Exchange exchange;
    private final ContentDecoder decoder;
    private final Leak leak;
    private final Cleaner.Cleanable cleanable;
    private State state = State.UNREAD;
    private ByteBuffer pending;

    /** The action run when a response is collected: drops its connection unless it was released. */
    private static final class Leak implements Runnable {
        final Exchange exchange;
        final EventLoop loop;
        volatile boolean released;

        Leak(Exchange exchange, EventLoop loop) {
            this.exchange = exchange;
            this.loop = loop;
        }

        @Override
        public void run() {
            if (released) {
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "a ClientResponse was garbage-collected neither read to the end nor"
                    + " closed (" + exchange.describe() + "): its connection is dropped; close responses with try-with-resources");
            if (loop != null && !loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(exchange::abort);
                } catch (RuntimeException e) {
                    // the loop closed meanwhile: its transports are gone with it
                }
            }
        }
    }

    ResponseBodyReader(Exchange exchange, ContentDecoder decoder, EventLoop loop) {
        this.exchange = exchange;
        this.decoder = decoder;
        this.leak = new Leak(exchange, loop);
        this.cleanable = loop == null ? null : CLEANER.register(this, leak);
    }

    boolean decoding() {
        return decoder != null;
    }

    boolean started() {
        return state != State.UNREAD;
    }

    boolean released() {
        return state == State.DONE || state == State.CLOSED;
    }

    ByteBuffer read() throws IOException {
        switch (state) {
            case DONE -> {
                return null;
            }
            case CLOSED -> throw new IllegalStateException("the response was closed before its body was read to the end");
            default -> state = State.READING;
        }
        boolean ok = false;
        try {
            ByteBuffer b = decoder == null ? exchange.read() : nextDecoded();
            if (b == null) {
                state = State.DONE;
                release(true);
            }
            ok = true;
            return b;
        } finally {
            if (!ok) {
                abort();
            }
        }
    }

    private ByteBuffer nextDecoded() throws IOException {
        while (true) {
            if (pending != null) {
                ByteBuffer out = decoder.decode(pending);
                if (out != null && out.hasRemaining()) {
                    return out;
                }
                if (pending.hasRemaining()) {
                    // the decoder wants more input before it can produce output: join the rest with the next piece
                    ByteBuffer more = exchange.read();
                    if (more == null) {
                        decoder.finish();
                        throw new ZipException("the compressed body ended inside a block");
                    }
                    ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + more.remaining());
                    pending = joined.put(pending).put(more).flip();
                    continue;
                }
                pending = null;
            }
            ByteBuffer in = exchange.read();
            if (in == null) {
                decoder.finish();
                return null;
            }
            pending = in;
        }
    }

    void close() {
        if (state == State.UNREAD || state == State.READING) {
            state = State.CLOSED;
            release(true);
        }
    }

    void abort() {
        if (state == State.UNREAD || state == State.READING) {
            state = State.CLOSED;
            release(false);
        }
    }

    private void release(boolean keep) {
        leak.released = true;
        if (cleanable != null) {
            cleanable.clean();
        }
        if (decoder != null) {
            decoder.close();
        }
        if (keep) {
            exchange.release();
        } else {
            exchange.abort();
        }
    }
}
