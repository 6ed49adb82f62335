package io.jasyncio.http.codec;

import static io.jasyncio.http.codec.Decoding.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CodecLimitsTest {
    private static HttpEvent lastEvent(CodecLimits limits, String wire) {
        RequestDecoder d = new RequestDecoder(limits);
        d.feed(ByteBuffer.wrap(ascii(wire)));
        HttpEvent last = null;
        for (HttpEvent e = d.next(); e != null && !(e instanceof ProtocolError && e == last); e = d.next()) {
            last = e;
        }
        return last;
    }

    private static int status(CodecLimits limits, String wire) {
        return assertInstanceOf(ProtocolError.class, lastEvent(limits, wire)).status();
    }

    @Test
    void defaults() {
        assertEquals(new CodecLimits(8192, 16384, 100, 1024, 8192), CodecLimits.DEFAULTS);
    }

    @Test
    void withersReplaceOneLimit() {
        CodecLimits l = CodecLimits.DEFAULTS.withMaxRequestLine(100).withMaxHeaderBytes(200).withMaxHeaderCount(3)
                .withMaxChunkExtension(4).withMaxTrailerBytes(5);
        assertEquals(new CodecLimits(100, 200, 3, 4, 5), l);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULTS.withMaxRequestLine(15));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULTS.withMaxHeaderBytes(0));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULTS.withMaxHeaderCount(0));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULTS.withMaxChunkExtension(0));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULTS.withMaxTrailerBytes(0));
    }

    @Test
    void requestLineLimitIsExact() {
        CodecLimits l = CodecLimits.DEFAULTS.withMaxRequestLine(20);
        // "GET /123456 HTTP/1.1" is 20 bytes: allowed; one more is 414.
        assertInstanceOf(EndOfMessage.class, lastEvent(l, "GET /123456 HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals(414, status(l, "GET /1234567 HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    @Test
    void headerBytesLimitIsExact() {
        // "Host: h\r\n" + "X: 1234\r\n" = 18 bytes.
        CodecLimits l = CodecLimits.DEFAULTS.withMaxHeaderBytes(18);
        assertInstanceOf(EndOfMessage.class, lastEvent(l, "GET / HTTP/1.1\r\nHost: h\r\nX: 1234\r\n\r\n"));
        assertEquals(431, status(l, "GET / HTTP/1.1\r\nHost: h\r\nX: 12345\r\n\r\n"));
    }

    @Test
    void headerCountLimitIsExact() {
        CodecLimits l = CodecLimits.DEFAULTS.withMaxHeaderCount(2);
        assertInstanceOf(EndOfMessage.class, lastEvent(l, "GET / HTTP/1.1\r\nHost: h\r\nX: 1\r\n\r\n"));
        assertEquals(431, status(l, "GET / HTTP/1.1\r\nHost: h\r\nX: 1\r\nY: 2\r\n\r\n"));
    }

    @Test
    void chunkExtensionLimitIsExact() {
        CodecLimits l = CodecLimits.DEFAULTS.withMaxChunkExtension(4);
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertInstanceOf(EndOfMessage.class, lastEvent(l, head + "1;abc\r\nx\r\n0\r\n\r\n"));
        assertEquals(400, status(l, head + "1;abcd\r\nx\r\n0\r\n\r\n"));
    }

    @Test
    void trailerLimitsAreExact() {
        CodecLimits l = CodecLimits.DEFAULTS.withMaxTrailerBytes(6);
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        assertEquals(1, assertInstanceOf(EndOfMessage.class, lastEvent(l, head + "T: 1\r\n\r\n")).trailers().size());
        assertEquals(431, status(l, head + "T: 12\r\n\r\n"));
        assertEquals(431, status(CodecLimits.DEFAULTS.withMaxHeaderCount(1), head + "T: 1\r\nU: 2\r\n\r\n"));
    }

    @Test
    void bodySizeIsNotLimited() {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(ascii("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 999999999999\r\n\r\n")));
        assertEquals(999_999_999_999L, assertInstanceOf(RequestHead.class, d.next()).contentLength());
        long total = 0;
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < 64; i++) {
            d.feed(chunk.clear());
            for (HttpEvent e = d.next(); e != null; e = d.next()) {
                total += assertInstanceOf(BodyData.class, e).data().remaining();
            }
        }
        assertEquals(64L << 20, total);
        assertEquals(0, d.buffered());
    }
}
