package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpVersionTest {
    @Test
    void wireText() {
        assertEquals("HTTP/1.0", HttpVersion.HTTP_1_0.text());
        assertEquals("HTTP/1.1", HttpVersion.HTTP_1_1.toString());
        assertEquals(2, HttpVersion.values().length);
    }
}
