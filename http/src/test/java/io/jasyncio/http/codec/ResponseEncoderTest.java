package io.jasyncio.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
    static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void headWithStandardReason() {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n",
                text(ResponseEncoder.encodeHead(200, Headers.of("Content-Type", "text/plain", "Content-Length", "2"))));
        assertEquals("HTTP/1.1 404 Not Found\r\n\r\n", text(ResponseEncoder.encodeHead(404, new Headers())));
        assertEquals("HTTP/1.1 599 Unknown\r\n\r\n", text(ResponseEncoder.encodeHead(599, new Headers())));
        assertEquals("HTTP/1.1 999 Unknown\r\n\r\n", text(ResponseEncoder.encodeHead(999, new Headers())));
    }

    @Test
    void headWithOwnReason() {
        assertEquals("HTTP/1.1 200 Fine\r\nA: b\r\n\r\n", text(ResponseEncoder.encodeHead(200, "Fine", Headers.of("A", "b"))));
        assertEquals("HTTP/1.1 204 \r\n\r\n", text(ResponseEncoder.encodeHead(204, "", new Headers())));
    }

    @Test
    void badStatusOrReasonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeHead(99, new Headers()));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeHead(1000, new Headers()));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeHead(200, "OK\r\nX: y", new Headers()));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeHead(42, "OK", new Headers()));
    }

    @Test
    void headIntoCallersBuffer() {
        Headers h = Headers.of("Content-Length", "2");
        String want = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
        for (ByteBuffer dst : new ByteBuffer[] {ByteBuffer.allocate(100), ByteBuffer.allocateDirect(100),
                ByteBuffer.allocate(120).position(10).slice()}) {
            dst.put((byte) '>');
            ResponseEncoder.encodeHead(200, h, dst);
            dst.put("ok".getBytes(StandardCharsets.US_ASCII)).flip();
            assertEquals(">" + want + "ok", text(dst));
        }
        ByteBuffer small = ByteBuffer.allocate(want.length() - 1);
        assertThrows(java.nio.BufferOverflowException.class, () -> ResponseEncoder.encodeHead(200, h, small));
        assertEquals(0, small.position());
        assertThrows(java.nio.ReadOnlyBufferException.class,
                () -> ResponseEncoder.encodeHead(200, h, ByteBuffer.allocate(100).asReadOnlyBuffer()));
    }

    @Test
    void repeatedFieldsAreWrittenInOrder() {
        Headers h = new Headers().add("Set-Cookie", "a=1").add("X", "y").add("Set-Cookie", "b=2");
        assertEquals("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX: y\r\nSet-Cookie: b=2\r\n\r\n",
                text(ResponseEncoder.encodeHead(200, h)));
    }

    @Test
    void latin1ValuesAreWrittenAsBytes() {
        ByteBuffer b = ResponseEncoder.encodeHead(200, Headers.of("X", "caf\u00e9"));
        assertEquals((byte) 0xE9, b.get(b.limit() - 5));
    }

    @Test
    void chunkFraming() {
        assertEquals("5\r\nhello\r\n", text(ResponseEncoder.chunk(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)))));
        ByteBuffer big = ByteBuffer.allocate(300);
        assertEquals("12c\r\n", text(ResponseEncoder.chunk(big)).substring(0, 5));
        assertEquals(0, big.remaining(), "chunk consumes its data");
        assertEquals("", text(ResponseEncoder.chunk(ByteBuffer.allocate(0))));
        assertEquals("0\r\n\r\n", text(ResponseEncoder.lastChunk(new Headers())));
        assertEquals("0\r\nChecksum: x\r\n\r\n", text(ResponseEncoder.lastChunk(Headers.of("Checksum", "x"))));
        assertEquals("ff\r\n", text(ResponseEncoder.chunkHeader(255)));
        assertEquals("7fffffffffffffff\r\n", text(ResponseEncoder.chunkHeader(Long.MAX_VALUE)));
        assertEquals("\r\n", text(ResponseEncoder.crlf()));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.chunkHeader(0));
    }

    /** What the encoder writes, the decoder reads back: head, chunks and trailers. */
    @Test
    void encodedResponseDecodesToTheSame() {
        Headers h = Headers.of("Transfer-Encoding", "chunked", "Content-Type", "text/plain; charset=utf-8");
        List<ByteBuffer> parts = List.of(ResponseEncoder.encodeHead(200, h),
                ResponseEncoder.chunk(ByteBuffer.wrap("hello, ".getBytes(StandardCharsets.US_ASCII))),
                ResponseEncoder.chunkHeader(5), ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII)), ResponseEncoder.crlf(),
                ResponseEncoder.lastChunk(Headers.of("Done", "yes")));
        ResponseDecoder d = new ResponseDecoder();
        d.expectResponseTo(Method.GET);
        parts.forEach(d::feed);
        List<HttpEvent> events = new ArrayList<>();
        for (HttpEvent e = d.next(); e != null; e = d.next()) {
            events.add(e);
        }
        ResponseHead head = assertInstanceOf(ResponseHead.class, events.getFirst());
        assertEquals(h, head.headers());
        StringBuilder body = new StringBuilder();
        events.stream().filter(e -> e instanceof BodyData).forEach(e -> body.append(text(((BodyData) e).data())));
        assertEquals("hello, world", body.toString());
        assertEquals(Headers.of("Done", "yes"), assertInstanceOf(EndOfMessage.class, events.getLast()).trailers());
    }
}
