package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecTest {
    public record Item(String name, int qty) {
    }

    private final JacksonJsonCodec json = new JacksonJsonCodec();

    @Test
    void defaultCodecIsJacksonWhenItIsOnTheClassPath() {
        assertInstanceOf(JacksonJsonCodec.class, JsonCodec.defaultCodec());
        assertSame(JsonCodec.defaultCodec(), JsonCodec.defaultCodec());
    }

    @Test
    void encodesAndDecodesRecordsAndMaps() {
        assertEquals("{\"name\":\"pen\",\"qty\":2}", json.encodeToString(new Item("pen", 2)));
        assertEquals(new Item("pen", 2), json.decode("{\"name\":\"pen\",\"qty\":2}".getBytes(StandardCharsets.UTF_8), Item.class));
        assertEquals(Map.of("a", List.of(1, "x")), json.decode("{\"a\":[1,\"x\"]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void agreesWithTheSimpleCodecOnCommonValues() {
        SimpleJsonCodec simple = new SimpleJsonCodec();
        Object value = Map.of("s", "é\"\n\u0001", "n", List.of(1, 2.5, true), "r", new Item("a", 1));
        assertEquals(json.decode(json.encode(value)), json.decode(simple.encode(value)));
        assertEquals(simple.decode(simple.encode(value)), simple.decode(json.encode(value)));
    }

    @Test
    void wrapsJacksonErrors() {
        assertThrows(JsonException.class, () -> json.decode("{bad".getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonException.class, () -> json.decode("{\"qty\":\"x\"}".getBytes(StandardCharsets.UTF_8), Item.class));
        assertThrows(JsonException.class, () -> json.encode(new Object()));
    }

    @Test
    void usesTheGivenMapper() {
        ObjectMapper m = new ObjectMapper();
        assertSame(m, new JacksonJsonCodec(m).mapper());
        assertThrows(NullPointerException.class, () -> new JacksonJsonCodec(null));
    }
}
