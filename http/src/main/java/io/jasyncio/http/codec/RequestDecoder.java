package io.jasyncio.http.codec;

import io.jasyncio.http.Method;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The server side of an HTTP/1.1 connection's input: bytes in, request events out. Feed it what
 * the socket delivers, then call {@link #next} until it returns null; each request comes out as a
 * {@link RequestHead}, zero or more {@link BodyData} pieces and an {@link EndOfMessage}, then the
 * next pipelined request. A {@link ProtocolError} ends the connection: the server answers with
 * its status and closes.
 *
 * <p>Sans-IO: no sockets, no loop, no threads. Not thread-safe; one connection's task owns it.
 * Strict per RFC 9112 (the leniency choices are listed in the package documentation).
 *
 * {@snippet :
 * RequestDecoder decoder = new RequestDecoder();
 * decoder.feed(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
 * RequestHead head = (RequestHead) decoder.next();  // GET /
 * HttpEvent end = decoder.next();                    // EndOfMessage
 * HttpEvent none = decoder.next();                   // null: needs more bytes
 * }
 *
 * <p>Differs from h11: one decoder per direction (this one is a server's input), the body size is
 * not limited here, and body pieces are views of the decoder's buffer, valid until the next
 * {@code feed} or {@code next}.
 */
public final class RequestDecoder {
    /* Implementation notes
     *
     * States: HEAD (scanning for the end of a head, after skipping CRLFs between requests) ->
     * BODY (BodyParser owns the framing) -> HEAD again when the request allowed keep-alive, else
     * DONE, where further input is ignored (the server closes after its response; a CONNECT's
     * tunnel is the caller's business). ERROR is sticky. The head is parsed in place from the
     * input array once the scanner has found its end, so a head fed in one piece is read once by
     * the scanner and once by the parser, and never copied again.
     */

    private static final int HEAD = 0;
    private static final int BODY = 1;
    private static final int DONE = 2;
    private static final int ERROR = 3;

    private final InputBuffer in = new InputBuffer();
    private final HeadScanner scanner;
    private final HeadParser parser = new HeadParser();
    private final BodyParser body;
    private int state = HEAD;
    private boolean eof;
    private boolean keepAlive;
    private ProtocolError error;

    /** A decoder with {@link CodecLimits#DEFAULTS}. */
    public RequestDecoder() {
        this(CodecLimits.DEFAULTS);
    }

    /** A decoder with the given limits. */
    public RequestDecoder(CodecLimits limits) {
        Objects.requireNonNull(limits, "limits");
        scanner = new HeadScanner(true, limits.maxRequestLine(), limits.maxHeaderBytes(), limits.maxHeaderCount(), 414, 431);
        body = new BodyParser(limits, parser);
    }

    /**
     * Takes all remaining bytes of {@code data} (its position moves to its limit). The decoder
     * copies them, so the caller may reuse {@code data} at once; body views handed out earlier
     * become invalid.
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
     * Records that the peer closed its write side. A request cut short then comes out as a
     * {@link ProtocolError} (400); between requests, {@link #next} just returns null.
     */
    public void feedEof() {
        eof = true;
    }

    /**
     * The next event, or null when more bytes are needed (or, after {@link #feedEof} or a request
     * that ended the connection, when there will be no more). After a {@link ProtocolError} every
     * call returns that same error.
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
            error = e.toEvent();
            return error;
        }
    }

    private HttpEvent head() throws CodecException {
        if (scanner.atStart()) {
            // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before a request line.
            while (in.available() >= 2 && in.buf[in.start] == '\r' && in.buf[in.start + 1] == '\n') {
                in.start += 2;
            }
            if (in.available() == 0 || (in.available() == 1 && in.buf[in.start] == '\r')) {
                if (eof && in.available() > 0) {
                    throw new CodecException(400, "connection closed inside a request head");
                }
                return null;
            }
        }
        int len = scanner.scan(in.buf, in.start, in.end);
        if (len == 0) {
            if (eof) {
                throw new CodecException(400, "connection closed inside a request head");
            }
            return null;
        }
        RequestHead head = parser.parseRequest(in.buf, in.start, len, scanner.fieldCount());
        in.start += len;
        scanner.reset();
        keepAlive = head.keepAlive() && head.method() != Method.CONNECT;
        body.begin(head.contentLength());
        state = BODY;
        return head;
    }

    private HttpEvent body() throws CodecException {
        HttpEvent event = body.next(in, eof);
        if (event instanceof EndOfMessage) {
            state = keepAlive ? HEAD : DONE;
        }
        return event;
    }

    /**
     * How many bytes were fed but not yet returned in events: a server stops reading the socket
     * while this is large (backpressure).
     */
    public int buffered() {
        return in.available();
    }
}
