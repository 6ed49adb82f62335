package io.jasyncio.http.server.app;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import io.jasyncio.http.server.ServerSentEvents;
import io.jasyncio.http.server.ServerSentEvents.Event;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Response#stream}, {@link Response#sse} and {@link ServerSentEvents}, and {@link Response#redirect}. */
class StreamingResponseTest {
    @Test
    void streamIsChunkedWithTheContentTypeAndRunsTheProducer() throws Exception {
        Response r = Response.stream(201, "text/plain; charset=utf-8", out -> {
            out.write("a");
            out.drain();
            out.write("b");
        });
        assertEquals(201, r.status());
        assertEquals("text/plain; charset=utf-8", r.headers().get("Content-Type"));
        assertEquals(-1, ((ResponseBody.Streaming) r.body()).contentLength());
        RecordingBodyWriter w = RecordingBodyWriter.drive(r);
        assertEquals("ab", w.text());
        assertEquals(List.of("write", "drain", "write"), w.calls);
    }

    @Test
    void sseSetsItsHeadersAndDrainsAfterEveryEvent() throws Exception {
        Response r = Response.sse(events -> {
            events.send("hello");
            events.send("tick", "1");
            events.comment("keep-alive");
        });
        assertEquals(200, r.status());
        assertEquals("text/event-stream", r.headers().get("Content-Type"));
        assertEquals("no-cache", r.headers().get("Cache-Control"));
        assertEquals("no", r.headers().get("X-Accel-Buffering"));
        RecordingBodyWriter w = RecordingBodyWriter.drive(r);
        assertEquals("data: hello\n\nevent: tick\ndata: 1\n\n: keep-alive\n\n", w.text());
        assertEquals(List.of("write", "drain", "write", "drain", "write", "drain"), w.calls);
    }

    @Test
    void eventsSplitDataIntoLinesAndCarryIdEventAndRetry() throws Exception {
        Response r = Response.sse(events -> events.send(Event.of("one\ntwo\r\nthree\rfour\n")
                .withId("7").withEvent("update").withRetry(Duration.ofSeconds(3))));
        assertEquals("id: 7\nevent: update\nretry: 3000\ndata: one\ndata: two\ndata: three\ndata: four\ndata: \n\n",
                RecordingBodyWriter.drive(r).text());
        assertEquals("data: \n\n", RecordingBodyWriter.drive(Response.sse(e -> e.send(""))).text());
        assertEquals(":\n: two\n\n", RecordingBodyWriter.drive(Response.sse(e -> e.comment("\ntwo"))).text());
    }

    @Test
    void eventFieldsThatWouldBreakTheStreamAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Event.of("x").withId("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> Event.of("x").withId("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Event.of("x").withEvent("a\rb"));
        assertThrows(IllegalArgumentException.class, () -> Event.of("x").withRetry(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> Event.of(null));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aProducerMaySuspendBetweenEvents(LoopHarness h) {
        String text = h.run(() -> RecordingBodyWriter.drive(Response.sse(events -> {
            for (int i = 1; i <= 3; i++) {
                events.send("n", String.valueOf(i));
                sleep(Duration.ofSeconds(1));
            }
        })).text());
        assertEquals("event: n\ndata: 1\n\nevent: n\ndata: 2\n\nevent: n\ndata: 3\n\n", text);
    }

    @Test
    void redirectSetsLocationAndAcceptsOnlyRedirectStatuses() {
        for (int s : new int[] {301, 302, 303, 307, 308}) {
            Response r = Response.redirect(s, "/new?x=1");
            assertEquals(s, r.status());
            assertEquals("/new?x=1", r.headers().get("Location"));
            assertInstanceOf(ResponseBody.Empty.class, r.body());
        }
        assertThrows(IllegalArgumentException.class, () -> Response.redirect(200, "/x"));
        assertThrows(IllegalArgumentException.class, () -> Response.redirect(304, "/x"));
        assertThrows(IllegalArgumentException.class, () -> Response.redirect(302, ""));
        assertThrows(IllegalArgumentException.class, () -> Response.redirect(302, "/x\r\nSet-Cookie: a=b"));
    }
}
