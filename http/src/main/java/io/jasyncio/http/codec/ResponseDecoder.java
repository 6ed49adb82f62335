package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import io.jasyncio.http.Status;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The client side of an HTTP/1.1 connection's input: bytes in, response events out. Because a
 * response's framing depends on the request it answers (a response to HEAD has no body), the
 * decoder must be told each request's method, in order, with {@link #expectResponseTo}, before
 * that response's bytes are decoded. Each response comes out as a {@link ResponseHead}, zero or
 * more {@link BodyData} pieces and an {@link EndOfMessage}; an interim (1xx) response comes out
 * as a head alone and the final response follows it.
 *
 * <p>Framing per RFC 9112 §6.3: no body after HEAD, 1xx, 204 or 304, or a 2xx to CONNECT; a
 * chunked body when Transfer-Encoding's final coding is chunked; a body read until the
 * connection closes when the final coding is something else or nothing gives the length;
 * otherwise Content-Length. After a 101 (Switching Protocols) or a 2xx to CONNECT, and after a
 * response that ends the connection, the decoder decodes nothing more.
 *
 * <p>Every {@link ProtocolError} it reports has status 502 (what a proxy answers for a broken
 * upstream), whatever was wrong. Not thread-safe. Sans-IO like {@link RequestDecoder}.
 */
public final class ResponseDecoder extends MessageDecoder {
    /* Implementation notes
     *
     * The states are MessageDecoder's. The queue of methods is consumed by final responses only;
     * an interim response leaves its request's method at the head of the queue.
     */

    private final ArrayDeque<Method> pending = new ArrayDeque<>();
    private final Object[] statusLine = new Object[3];

    /** A decoder with {@link CodecLimits#DEFAULTS} (the request-line limit bounds the status line). */
    public ResponseDecoder() {
        this(CodecLimits.DEFAULTS);
    }

    /** A decoder with the given limits. */
    public ResponseDecoder(CodecLimits limits) {
        super(limits, 502, 502);
    }

    /**
     * Records that a request with {@code method} was sent: the next final response not yet
     * matched answers it. Call it once per request, in the order the requests were written.
     */
    public void expectResponseTo(Method method) {
        pending.addLast(Objects.requireNonNull(method, "method"));
    }

    /** Every error a response decoder reports is a 502, whatever was wrong. */
    @Override
    ProtocolError errorFor(CodecException e) {
        return new ProtocolError(502, e.getMessage());
    }

    @Override
    HttpEvent head() throws CodecException {
        if (in.available() == 0 && scanner.atStart()) {
            return null;
        }
        int len = scanner.scan(in.buf, in.start, in.end);
        if (len == 0) {
            if (eof) {
                throw new CodecException(502, "connection closed inside a response head");
            }
            return null;
        }
        Method method = pending.peekFirst();
        if (method == null) {
            throw new CodecException(502, "a response arrived with no request outstanding");
        }
        int fields = parser.parseStatusLine(in.buf, in.start, statusLine);
        HttpVersion version = (HttpVersion) statusLine[0];
        int status = (Integer) statusLine[1];
        String reason = (String) statusLine[2];
        Headers headers = new Headers(scanner.fieldCount());
        parser.parseFields(in.buf, fields, in.start + len, headers, true);
        in.start += len;
        scanner.reset();

        boolean close = version == HttpVersion.HTTP_1_1
                ? parser.connectionClose
                : !parser.connectionKeepAlive || parser.connectionClose;
        if (status < 200) {
            if (status == Status.SWITCHING_PROTOCOLS) {
                pending.removeFirst();
                state = DONE;
            }
            return new ResponseHead(status, reason, version, headers, 0, status != Status.SWITCHING_PROTOCOLS);
        }
        pending.removeFirst();
        long length = length(method, status);
        beginBody(length, !close && length != -2 && !(method == Method.CONNECT && status < 300));
        return new ResponseHead(status, reason, version, headers, length, keepAlive);
    }

    private long length(Method method, int status) throws CodecException {
        if (method == Method.HEAD || Status.forbidsBody(status) || (method == Method.CONNECT && status < 300)) {
            return 0;
        }
        if (parser.transferEncoding) {
            if (parser.contentLengthCount > 0) {
                throw new CodecException(502, "both Transfer-Encoding and Content-Length");
            }
            if (!parser.chunkedLast) {
                return -2;
            }
            if (parser.otherCoding) {
                throw new CodecException(502, "transfer coding other than chunked");
            }
            return -1;
        }
        return parser.contentLengthCount > 0 ? parser.contentLength : -2;
    }
}
