package io.jasyncio.http.server.app;

import static io.jasyncio.http.server.AppTestRequests.post;
import static io.jasyncio.http.server.AppTestRequests.request;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.JsonException;
import io.jasyncio.http.Method;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Response#json} and {@link io.jasyncio.http.server.Request#json}. */
class JsonTest {
    record Point(int x, int y) {
    }

    private static String body(Response r) {
        return StandardCharsets.UTF_8.decode(((ResponseBody.Bytes) r.body()).data().duplicate()).toString();
    }

    @Test
    void jsonResponsesAreApplicationJsonThroughTheCodec() {
        Response r = Response.json(Map.of("id", 7));
        assertEquals(200, r.status());
        assertEquals("application/json", r.headers().get("Content-Type"));
        assertEquals("{\"id\":7}", body(r).replace(" ", ""));
        Response created = Response.json(201, List.of(1, "two", true));
        assertEquals(201, created.status());
        assertEquals("[1,\"two\",true]", body(created).replace(" ", ""));
        JsonCodec fixed = new JsonCodec() {
            @Override
            public byte[] encode(Object value) {
                return "\"fixed\"".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public <T> T decode(byte[] json, Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals("\"fixed\"", body(Response.json(200, 1, fixed)));
    }

    @Test
    void anUnencodableValueThrowsForA500() {
        assertThrows(JsonException.class, () -> Response.json(new Object()));
    }

    @Test
    void requestJsonDecodesIntoMapsOrRecords() throws Exception {
        Object tree = post("/", "{\"a\":[1,2]}", "Content-Type", "application/json").json(Object.class);
        assertEquals("[1, 2]", ((Map<?, ?>) tree).get("a").toString());
        assertEquals(new Point(3, 4), post("/", "{\"x\":3,\"y\":4}", "Content-Type", "application/json; charset=utf-8").json(Point.class));
        assertEquals(new Point(1, 2), post("/", "{\"x\":1,\"y\":2}", "Content-Type", "application/problem+json").json(Point.class));
        assertEquals(new Point(1, 2), post("/", "{\"x\":1,\"y\":2}").json(Point.class), "no Content-Type: read as JSON");
        byte[] body = "{\"x\":5,\"y\":6}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Point(5, 6), request(Method.POST, "/", body, 1, "Content-Type", "application/json").json(Point.class),
                "a body arriving a byte at a time");
    }

    @Test
    void requestJsonMayUseAGivenCodec() throws Exception {
        JsonCodec upper = new JsonCodec() {
            @Override
            public byte[] encode(Object value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> T decode(byte[] json, Class<T> type) {
                return type.cast(new String(json, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT));
            }
        };
        assertEquals("\"ABC\"", post("/", "\"abc\"", "Content-Type", "application/json").json(String.class, upper));
    }

    @Test
    void badBodiesAndMediaTypesAre400And415() {
        HttpException bad = assertThrows(HttpException.class, () -> post("/", "{oops", "Content-Type", "application/json").json(Object.class));
        assertEquals(400, bad.status());
        assertTrue(bad.getMessage().startsWith("the body is not valid JSON"), bad.getMessage());
        assertEquals(400, assertThrows(HttpException.class,
                () -> post("/", "[1]", "Content-Type", "application/json").json(Point.class)).status());
        assertEquals(415, assertThrows(HttpException.class,
                () -> post("/", "{}", "Content-Type", "text/plain").json(Object.class)).status());
        assertEquals(415, assertThrows(HttpException.class,
                () -> post("/", "{}", "Content-Type", "garbage").json(Object.class)).status());
    }
}
