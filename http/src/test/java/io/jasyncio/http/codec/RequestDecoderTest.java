package io.jasyncio.http.codec;

import static io.jasyncio.http.codec.Decoding.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {
    private static List<String> decode(String wire, boolean eof) {
        byte[] data = ascii(wire);
        List<String> whole = Decoding.whole(() -> Decoding.of(new RequestDecoder()), data, eof);
        assertEquals(whole, Decoding.byteAtATime(() -> Decoding.of(new RequestDecoder()), data, eof),
                "one byte at a time");
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(whole, Decoding.randomSplits(() -> Decoding.of(new RequestDecoder()), data, eof, seed),
                    "random splits, seed " + seed);
        }
        return whole;
    }

    @Test
    void getWithoutBody() {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(ascii("GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n")));
        RequestHead head = assertInstanceOf(RequestHead.class, d.next());
        assertSame(Method.GET, head.method());
        assertEquals("/a?b=1", head.target());
        assertEquals(HttpVersion.HTTP_1_1, head.version());
        assertEquals("example.com", head.headers().get("host"));
        assertEquals("*/*", head.headers().get("Accept"));
        assertEquals(0, head.contentLength());
        assertTrue(head.keepAlive());
        assertFalse(head.expectContinue());
        assertTrue(assertInstanceOf(EndOfMessage.class, d.next()).trailers().isEmpty());
        assertNull(d.next());
        assertEquals(0, d.buffered());
    }

    @Test
    void contentLengthBody() {
        assertEquals(List.of(
                "head POST /echo HTTP/1.1 Headers{Host: h, Content-Length: 5} len=5 keepAlive=true continue=false",
                "body hello", "end Headers{}"),
                decode("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", false));
    }

    @Test
    void chunkedBodyWithExtensionAndTrailers() {
        assertEquals(List.of(
                "head POST / HTTP/1.1 Headers{Host: h, Transfer-Encoding: chunked} len=-1 keepAlive=true continue=false",
                "body hello, world", "end Headers{Checksum: abc}"),
                decode("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nChecksum: abc\r\n\r\n", false));
    }

    @Test
    void pipelinedRequestsComeOutInOrder() {
        assertEquals(List.of(
                "head GET /1 HTTP/1.1 Headers{Host: h} len=0 keepAlive=true continue=false", "end Headers{}",
                "head POST /2 HTTP/1.1 Headers{Host: h, Content-Length: 2} len=2 keepAlive=true continue=false",
                "body ok", "end Headers{}",
                "head GET /3 HTTP/1.1 Headers{Host: h, Connection: close} len=0 keepAlive=false continue=false",
                "end Headers{}"),
                decode("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok"
                        + "GET /3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n", true));
    }

    @Test
    void keepAliveFollowsVersionAndConnection() {
        assertTrue(head("GET / HTTP/1.1\r\nHost: h\r\n\r\n").keepAlive());
        assertFalse(head("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").keepAlive());
        assertFalse(head("GET / HTTP/1.0\r\n\r\n").keepAlive());
        assertTrue(head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
        assertFalse(head("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n").keepAlive());
    }

    @Test
    void expectContinueIsReportedForHttp11Only() {
        assertTrue(head("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n").expectContinue());
        assertFalse(head("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectContinue());
    }

    @Test
    void bodyWaitsForTheClientAfterExpectContinue() {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(ascii("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")));
        assertTrue(assertInstanceOf(RequestHead.class, d.next()).expectContinue());
        assertNull(d.next());
        d.feed(ByteBuffer.wrap(ascii("abc")));
        assertEquals(3, assertInstanceOf(BodyData.class, d.next()).data().remaining());
        assertInstanceOf(EndOfMessage.class, d.next());
    }

    @Test
    void eofBetweenRequestsIsClean() {
        assertEquals(List.of("head GET / HTTP/1.1 Headers{Host: h} len=0 keepAlive=true continue=false",
                "end Headers{}"), decode("GET / HTTP/1.1\r\nHost: h\r\n\r\n\r\n", true));
    }

    @Test
    void eofInsideHeadOrBodyIsAnError() {
        assertEquals(List.of("error 400"), decode("GET / HTTP/1.1\r\nHost:", true));
        assertEquals(List.of("head POST / HTTP/1.1 Headers{Host: h, Content-Length: 9} len=9 keepAlive=true continue=false",
                "body abc", "error 400"), decode("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nabc", true));
    }

    @Test
    void protocolErrorIsSticky() {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(ascii("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n")));
        ProtocolError e = assertInstanceOf(ProtocolError.class, d.next());
        assertEquals(400, e.status());
        assertSame(e, d.next());
        d.feed(ByteBuffer.wrap(ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n")));
        assertSame(e, d.next());
    }

    @Test
    void feedAfterEofIsRefused() {
        RequestDecoder d = new RequestDecoder();
        d.feedEof();
        assertThrows(IllegalStateException.class, () -> d.feed(ByteBuffer.allocate(1)));
    }

    @Test
    void bufferedCountsUnreturnedBytes() {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(ascii("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nab")));
        assertEquals(49, d.buffered());
        d.next();
        assertEquals(2, d.buffered());
        d.next();
        assertEquals(0, d.buffered());
    }

    private static RequestHead head(String wire) {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(ascii(wire)));
        return assertInstanceOf(RequestHead.class, d.next());
    }
}
