package io.jasyncio.http.server;

import io.jasyncio.http.codec.BodyData;
import io.jasyncio.http.codec.EndOfMessage;
import io.jasyncio.http.codec.HttpEvent;
import io.jasyncio.http.codec.ProtocolError;
import io.jasyncio.http.codec.RequestHead;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body read straight from the connection's codec by the handler's task. Holds no
 * bytes of its own: what has not been read stays in the codec, which is what the connection's
 * backpressure counts.
 */
final class IncomingBody implements RequestBody {
    /*
     * Implementation notes.
     *
     * Only the exchange that owns the connection pulls (the connection is ACTIVE while the
     * handler runs, and nothing else reads the codec then). After the response, the connection
     * may discard the rest (markDiscarding): a read after that fails, as the body is gone.
     * 100-continue: `continueSent` flips on the first read that needs bytes; readAll checks a
     * declared length against its limit before that, so a 413 never asks for the body.
     */
    /** The longest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final HttpConnection conn;
    private final long contentLength;
    private final boolean expectContinue;
    private boolean complete;
    private boolean continueSent;
    private boolean discarding;
    private long received;

    IncomingBody(HttpConnection conn, RequestHead head) {
        this.conn = conn;
        this.contentLength = head.contentLength();
        this.expectContinue = head.expectContinue();
        if (contentLength == 0) {
            // The codec ends a body-less message at once; take the end now so it is complete.
            complete = conn.decoder.next() instanceof EndOfMessage;
        }
    }

    @Override
    public ByteBuffer read() throws IOException {
        ByteBuffer piece = next();
        if (piece == null) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(piece.remaining());
        copy.put(piece).flip();
        return copy;
    }

    @Override
    public byte[] readAll(long limit) throws IOException {
        limit = Math.min(limit, MAX_ARRAY);
        if (contentLength > limit) {
            throw tooLarge(limit);
        }
        if (complete) {
            return new byte[0];
        }
        byte[] out = new byte[contentLength >= 0 ? (int) Math.min(contentLength - received, limit) : 8192];
        int n = 0;
        for (ByteBuffer piece = next(); piece != null; piece = next()) {
            int k = piece.remaining();
            if (n + (long) k > limit) {
                throw tooLarge(limit);
            }
            if (n + k > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(limit, Math.max(out.length * 2L, n + (long) k)));
            }
            piece.get(out, n, k);
            n += k;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static HttpException tooLarge(long limit) {
        return new HttpException(413, "Request body is larger than the limit of " + limit + " bytes");
    }

    /** The next piece as the codec's view (valid until the codec is next used), or null at the end. */
    private ByteBuffer next() throws IOException {
        if (complete) {
            return null;
        }
        if (discarding) {
            throw new IllegalStateException("the request body was discarded after the response was sent");
        }
        if (expectContinue && !continueSent) {
            continueSent = true;
            conn.sendContinue();
        }
        for (;;) {
            HttpEvent ev = conn.nextBodyEvent();
            if (ev instanceof BodyData d) {
                ByteBuffer data = d.data();
                if (data.hasRemaining()) {
                    received += data.remaining();
                    return data;
                }
            } else if (ev instanceof EndOfMessage) {
                complete = true;
                return null;
            } else if (ev instanceof ProtocolError e) {
                conn.exchange.mustClose = true;
                throw new HttpException(e.status(), e.message());
            } else if (ev == null) {
                conn.awaitData();
            } else {
                throw new IllegalStateException("the codec returned " + ev + " inside a request body");
            }
        }
    }

    /**
     * Whether the connection may stay open with this body unread: what is already buffered is
     * read and dropped now (up to {@code limit} bytes); a declared rest of at most {@code limit}
     * bytes is dropped after the response. A body the client was never asked for
     * (100-continue) or a long one closes the connection instead.
     */
    boolean discardableUpTo(long limit) {
        if (complete) {
            return true;
        }
        if (expectContinue && !continueSent) {
            return false;
        }
        long dropped = 0;
        while (dropped <= limit) {
            HttpEvent ev = conn.decoder.next();
            if (ev instanceof BodyData d) {
                dropped += d.data().remaining();
                received += d.data().remaining();
            } else if (ev instanceof EndOfMessage) {
                complete = true;
                return true;
            } else if (ev == null) {
                return contentLength >= 0 && contentLength - received <= limit;
            } else {
                return false;
            }
        }
        return false;
    }

    /** The rest is the connection's to throw away now. */
    void markDiscarding() {
        discarding = true;
    }

    /** Whether the handler was asked for a body it never read (100-continue not sent). */
    boolean continuePending() {
        return expectContinue && !continueSent && !complete;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
