package io.jasyncio.http.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What {@link RequestDecoder} and {@link ResponseDecoder} share: the input buffer, the
 * HEAD -> BODY -> HEAD | DONE state machine with its sticky ERROR, and feeding. Each subclass
 * parses its own kind of head and says which status its errors carry.
 */
abstract sealed class MessageDecoder permits RequestDecoder, ResponseDecoder {
    /* Implementation notes
     *
     * States: HEAD (scanning for the end of a head) -> BODY (BodyParser owns the framing) ->
     * HEAD again when the message allowed keep-alive, else DONE, where further input is ignored.
     * ERROR is sticky: next() returns the same ProtocolError from then on. The head is parsed in
     * place from the input array once the scanner has found its end, so a head fed in one piece
     * is read once by the scanner and once by the parser, and never copied again.
     */

    static final int HEAD = 0;
    static final int BODY = 1;
    static final int DONE = 2;
    static final int ERROR = 3;

    final InputBuffer in = new InputBuffer();
    final HeadScanner scanner;
    final HeadParser parser = new HeadParser();
    final BodyParser body;
    int state = HEAD;
    boolean eof;
    /** Whether the connection goes on after the message being decoded. */
    boolean keepAlive;
    private ProtocolError error;

    /** {@code lineStatus} and {@code fieldsStatus}: what a too-long start line or head becomes. */
    MessageDecoder(CodecLimits limits, int lineStatus, int fieldsStatus) {
        Objects.requireNonNull(limits, "limits");
        scanner = new HeadScanner(true, limits.maxRequestLine(), limits.maxHeaderBytes(), limits.maxHeaderCount(),
                lineStatus, fieldsStatus);
        body = new BodyParser(limits, parser);
    }

    /**
     * Takes all remaining bytes of {@code data} (its position moves to its limit). The decoder
     * copies them, so the caller may reuse {@code data} at once; body views handed out earlier
     * become invalid. After a message that ended the connection, or an error, bytes are dropped.
     *
     * @throws IllegalStateException after {@link #feedEof}
     */
    public void feed(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feed after feedEof");
        }
        if (state == DONE || state == ERROR) {
            data.position(data.limit());
            return;
        }
        in.append(data);
    }

    /**
     * Records that the peer closed its write side. A message cut short then comes out as a
     * {@link ProtocolError}; a body read until the connection closes ends; between messages,
     * {@link #next} just returns null.
     */
    public void feedEof() {
        eof = true;
    }

    /**
     * The next event, or null when more input is needed (or, after {@link #feedEof} or a message
     * that ended the connection, when nothing more will come). After a {@link ProtocolError}
     * every call returns that same error.
     */
    public HttpEvent next() {
        try {
            return switch (state) {
                case HEAD -> head();
                case BODY -> body();
                case DONE -> null;
                default -> error;
            };
        } catch (CodecException e) {
            state = ERROR;
            error = errorFor(e);
            return error;
        }
    }

    /**
     * How many bytes were fed but not yet returned in events: a reader stops reading the socket
     * while this is large (backpressure).
     */
    public int buffered() {
        return in.available();
    }

    /**
     * Removes and returns the bytes fed but not yet decoded. They belong to another protocol once
     * the connection switches: after a 101 (Switching Protocols) response or a 2xx to CONNECT on
     * the client side, after the end of a request that is being upgraded on the server side. Bytes
     * fed later are dropped once the decoder has seen a 101 or a connection-ending message, so the
     * caller hands the connection to its new protocol before feeding more.
     */
    public ByteBuffer takeRemaining() {
        ByteBuffer rest = ByteBuffer.wrap(java.util.Arrays.copyOfRange(in.buf, in.start, in.end));
        in.start = in.end;
        return rest;
    }

    /** Parses the next head if it has all arrived (null if not); on success the state is BODY. */
    abstract HttpEvent head() throws CodecException;

    /** The event a codec error becomes. */
    abstract ProtocolError errorFor(CodecException e);

    /** Starts the body of the head just parsed: {@code length} as BodyParser takes it. */
    final void beginBody(long length, boolean keepAlive) {
        this.keepAlive = keepAlive;
        body.begin(length);
        state = BODY;
    }

    private HttpEvent body() throws CodecException {
        HttpEvent event = body.next(in, eof);
        if (event instanceof EndOfMessage) {
            state = keepAlive ? HEAD : DONE;
        }
        return event;
    }
}
