package io.jasyncio.http.codec;

import static io.jasyncio.http.codec.Decoding.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.http.Method;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseDecoderTest {
    /** Decodes whole, byte at a time and in random splits (all must agree), answering {@code methods}. */
    private static List<String> decode(String wire, boolean eof, Method... methods) {
        byte[] data = ascii(wire);
        java.util.function.Supplier<Decoding.Sink> sink = () -> {
            ResponseDecoder d = new ResponseDecoder();
            for (Method m : methods) {
                d.expectResponseTo(m);
            }
            return Decoding.of(d);
        };
        List<String> whole = Decoding.whole(sink, data, eof);
        assertEquals(whole, Decoding.byteAtATime(sink, data, eof), "one byte at a time");
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(whole, Decoding.randomSplits(sink, data, eof, seed), "random splits, seed " + seed);
        }
        return whole;
    }

    @Test
    void contentLengthResponse() {
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Content-Length: 2} len=2 keepAlive=true", "body ok", "end Headers{}"),
                decode("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false, Method.GET));
    }

    @Test
    void chunkedResponseWithTrailers() {
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Transfer-Encoding: chunked} len=-1 keepAlive=true",
                "body hello", "end Headers{T: v}"),
                decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nT: v\r\n\r\n", false, Method.GET));
    }

    @Test
    void responseToHeadHasNoBodyWhateverItsHeadersSay() {
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Content-Length: 100} len=0 keepAlive=true", "end Headers{}",
                "head 200 OK HTTP/1.1 Headers{Content-Length: 1} len=1 keepAlive=true", "body x", "end Headers{}"),
                decode("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
                        false, Method.HEAD, Method.GET));
    }

    @Test
    void noBodyFor204And304() {
        assertEquals(List.of("head 204 No Content HTTP/1.1 Headers{} len=0 keepAlive=true", "end Headers{}",
                "head 304 Not Modified HTTP/1.1 Headers{Content-Length: 9} len=0 keepAlive=true", "end Headers{}"),
                decode("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n",
                        false, Method.GET, Method.GET));
    }

    @Test
    void interimResponsesPrecedeTheFinalOne() {
        assertEquals(List.of("head 100 Continue HTTP/1.1 Headers{} len=0 keepAlive=true",
                "head 103 Early Hints HTTP/1.1 Headers{Link: </a>} len=0 keepAlive=true",
                "head 201 Created HTTP/1.1 Headers{Content-Length: 0} len=0 keepAlive=true", "end Headers{}"),
                decode("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                        + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", false, Method.POST));
    }

    @Test
    void bodyRunsUntilCloseWithoutLength() {
        assertEquals(List.of("head 200 OK HTTP/1.0 Headers{} len=-2 keepAlive=false", "body all of it", "end Headers{}"),
                decode("HTTP/1.0 200 OK\r\n\r\nall of it", true, Method.GET));
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Transfer-Encoding: gzip} len=-2 keepAlive=false", "body zz",
                "end Headers{}"), decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz", true, Method.GET));
    }

    @Test
    void untilCloseBodyWaitsForEof() {
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{} len=-2 keepAlive=false", "body abc"),
                decode("HTTP/1.1 200 OK\r\n\r\nabc", false, Method.GET));
    }

    @Test
    void connectSuccessAndSwitchingProtocolsEndDecoding() {
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{} len=0 keepAlive=false", "end Headers{}"),
                decode("HTTP/1.1 200 OK\r\n\r\n\u0016\u0003tunnel", false, Method.CONNECT));
        assertEquals(List.of("head 101 Switching Protocols HTTP/1.1 Headers{Upgrade: websocket} len=0 keepAlive=false"),
                decode("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0000", false, Method.GET));
    }

    @Test
    void bytesAfterSwitchingProtocolsAreHandedOverByTakeRemaining() {
        ResponseDecoder d = new ResponseDecoder();
        d.expectResponseTo(Method.GET);
        d.feed(ByteBuffer.wrap(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi")));
        assertEquals(101, assertInstanceOf(ResponseHead.class, d.next()).status());
        assertNull(d.next());
        ByteBuffer rest = d.takeRemaining();
        assertEquals("\u0081\u0002hi", new String(rest.array(), rest.position(), rest.remaining(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(0, d.buffered());
        assertEquals(0, d.takeRemaining().remaining());
    }

    @Test
    void bytesAfterASuccessfulConnectAreHandedOverByTakeRemaining() {
        ResponseDecoder d = new ResponseDecoder();
        d.expectResponseTo(Method.CONNECT);
        d.feed(ByteBuffer.wrap(ascii("HTTP/1.1 200 OK\r\n\r\n\u0016\u0003")));
        assertEquals(200, assertInstanceOf(ResponseHead.class, d.next()).status());
        assertInstanceOf(EndOfMessage.class, d.next());
        assertEquals(2, d.takeRemaining().remaining());
    }

    @Test
    void missingReasonPhraseIsAccepted() {
        assertEquals(List.of("head 200  HTTP/1.1 Headers{Content-Length: 0} len=0 keepAlive=true", "end Headers{}"),
                decode("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", false, Method.GET));
    }

    @Test
    void keepAliveFollowsVersionAndConnection() {
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Content-Length: 0, Connection: close} len=0 keepAlive=false",
                "end Headers{}"),
                decode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
                        false, Method.GET, Method.GET));
        assertEquals(List.of("head 200 OK HTTP/1.0 Headers{Content-Length: 0, Connection: keep-alive} len=0 keepAlive=true",
                "end Headers{}"),
                decode("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n", false, Method.GET));
    }

    @Test
    void errorsAreAll502() {
        assertEquals(List.of("error 502"), decode("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                false, Method.GET));
        assertEquals(List.of("error 502"), decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
                false, Method.GET));
        assertEquals(List.of("error 502"), decode("HTTP/2.0 200 OK\r\n\r\n", false, Method.GET));
        assertEquals(List.of("error 502"), decode("HTTP/1.1 20 OK\r\n\r\n", false, Method.GET));
        assertEquals(List.of("error 502"), decode("HTTP/1.1 099 Low\r\n\r\n", false, Method.GET));
        assertEquals(List.of("error 502"), decode("HTTP/1.1 200 O\u0001K\r\n\r\n", false, Method.GET));
        assertEquals(List.of("error 502"), decode("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", false, Method.GET));
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Transfer-Encoding: chunked} len=-1 keepAlive=true", "error 502"),
                decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n", false, Method.GET));
        assertEquals(List.of("head 200 OK HTTP/1.1 Headers{Content-Length: 5} len=5 keepAlive=true", "body he", "error 502"),
                decode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe", true, Method.GET));
    }

    @Test
    void responseWithoutRequestIsAnError() {
        assertEquals(List.of("error 502"), decode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false));
    }

    @Test
    void statusLineLimitIsTheRequestLineLimit() {
        ResponseDecoder d = new ResponseDecoder(CodecLimits.DEFAULTS.withMaxRequestLine(20));
        d.expectResponseTo(Method.GET);
        d.feed(ByteBuffer.wrap(ascii("HTTP/1.1 200 A very long reason\r\n\r\n")));
        assertEquals(502, assertInstanceOf(ProtocolError.class, d.next()).status());
    }

    @Test
    void feedAfterEofIsRefusedAndBufferedCounts() {
        ResponseDecoder d = new ResponseDecoder();
        d.expectResponseTo(Method.GET);
        d.feed(ByteBuffer.wrap(ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab")));
        assertEquals(40, d.buffered());
        assertInstanceOf(ResponseHead.class, d.next());
        assertEquals(2, d.buffered());
        d.feedEof();
        assertInstanceOf(BodyData.class, d.next());
        ProtocolError e = assertInstanceOf(ProtocolError.class, d.next());
        assertSame(e, d.next());
        assertThrows(IllegalStateException.class, () -> d.feed(ByteBuffer.allocate(1)));
    }

    @Test
    void nothingBeforeTheFirstByte() {
        ResponseDecoder d = new ResponseDecoder();
        assertNull(d.next());
        d.feedEof();
        assertNull(d.next());
    }
}
