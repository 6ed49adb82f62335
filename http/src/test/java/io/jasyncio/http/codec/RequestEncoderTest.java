package io.jasyncio.http.codec;

import static io.jasyncio.http.codec.ResponseEncoderTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
    @Test
    void head() {
        assertEquals("GET /a?b HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n",
                text(RequestEncoder.encodeHead(Method.GET, "/a?b", Headers.of("Host", "h", "Accept", "*/*"))));
        assertEquals("PROPFIND * HTTP/1.1\r\n\r\n", text(RequestEncoder.encodeHead(Method.of("PROPFIND"), "*", new Headers())));
    }

    @Test
    void targetThatWouldSplitTheRequestIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.encodeHead(Method.GET, "", new Headers()));
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.encodeHead(Method.GET, "/a b", new Headers()));
        assertThrows(IllegalArgumentException.class,
                () -> RequestEncoder.encodeHead(Method.GET, "/\r\nX: y", new Headers()));
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.encodeHead(Method.GET, "/caf\u00e9", new Headers()));
    }

    @Test
    void chunks() {
        assertEquals("3\r\nabc\r\n", text(RequestEncoder.chunk(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)))));
        assertEquals("0\r\nT: 1\r\n\r\n", text(RequestEncoder.lastChunk(Headers.of("T", "1"))));
    }

    /** Encoded by the client side, decoded by the server side: the same request. */
    @Test
    void encodedRequestDecodesToTheSame() {
        Headers h = Headers.of("Host", "example.com:8080", "Transfer-Encoding", "chunked", "X-Empty", "");
        RequestDecoder d = new RequestDecoder();
        d.feed(RequestEncoder.encodeHead(Method.PUT, "/up?x=1", h));
        d.feed(RequestEncoder.chunk(ByteBuffer.wrap("data".getBytes(StandardCharsets.US_ASCII))));
        d.feed(RequestEncoder.lastChunk(new Headers()));
        RequestHead head = assertInstanceOf(RequestHead.class, d.next());
        assertEquals(Method.PUT, head.method());
        assertEquals("/up?x=1", head.target());
        assertEquals(h, head.headers());
        assertEquals(-1, head.contentLength());
        assertEquals("data", text(assertInstanceOf(BodyData.class, d.next()).data()));
        assertInstanceOf(EndOfMessage.class, d.next());
    }
}
