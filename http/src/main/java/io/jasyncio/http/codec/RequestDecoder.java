package io.jasyncio.http.codec;

import io.jasyncio.http.Method;


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
public final class RequestDecoder extends MessageDecoder {
    /** A decoder with {@link CodecLimits#DEFAULTS}. */
    public RequestDecoder() {
        this(CodecLimits.DEFAULTS);
    }

    /** A decoder with the given limits. */
    public RequestDecoder(CodecLimits limits) {
        super(limits, 414, 431);
    }

    @Override
    ProtocolError errorFor(CodecException e) {
        return e.toEvent();
    }

    @Override
    HttpEvent head() throws CodecException {
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
        // After CONNECT the connection is a tunnel, not HTTP: nothing more is decoded.
        beginBody(head.contentLength(), head.keepAlive() && head.method() != Method.CONNECT);
        return head;
    }
}
