package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormDataTest {
    @Test
    void parsesAFormBody() {
        QueryParams f = FormData.parse("user=ann+lee&pw=p%40ss&tags=a&tags=b".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ann lee", f.get("user"));
        assertEquals("p@ss", f.get("pw"));
        assertEquals(2, f.getAll("tags").size());
    }

    @Test
    void rawNonAsciiBytesDecodeInTheBodysCharset() {
        byte[] utf8 = "name=Jürgen&x=%C3%A9".getBytes(StandardCharsets.UTF_8);
        QueryParams f = FormData.parse(utf8);
        assertEquals("Jürgen", f.get("name"));
        assertEquals("é", f.get("x"));
        byte[] latin1 = "name=Jürgen".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Jürgen", FormData.parse(latin1, StandardCharsets.ISO_8859_1, 10).get("name"));
        assertEquals("J\uFFFDrgen", FormData.parse(latin1).get("name"));
    }

    @Test
    void encodesAndRoundTrips() {
        QueryParams f = QueryParams.of("a", "1 2", "b", "ü&");
        byte[] body = FormData.encode(f);
        assertArrayEquals("a=1+2&b=%C3%BC%26".getBytes(StandardCharsets.US_ASCII), body);
        assertEquals(f, FormData.parse(body));
    }

    @Test
    void limitsTheFieldCount() {
        assertThrows(IllegalArgumentException.class,
                () -> FormData.parse("a=1&b=2".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8, 1));
        assertEquals("application/x-www-form-urlencoded", FormData.MEDIA_TYPE);
    }
}
