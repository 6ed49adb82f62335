package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentTypeTest {
    @Test
    void parsesTypeSubtypeAndParameters() {
        ContentType c = ContentType.parse("Text/HTML ; Charset=UTF-8;foo=\"a \\\"b\\\" c\"");
        assertEquals("text", c.type());
        assertEquals("html", c.subtype());
        assertEquals("text/html", c.mediaType());
        assertEquals(Map.of("charset", "UTF-8", "foo", "a \"b\" c"), c.parameters());
        assertEquals("UTF-8", c.parameter("CHARSET"));
        assertEquals(StandardCharsets.UTF_8, c.charset().orElseThrow());
        assertNull(c.parameter("nope"));
    }

    @Test
    void parsesMultipartBoundary() {
        ContentType c = ContentType.parse("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW");
        assertEquals("----WebKitFormBoundary7MA4YWxkTrZu0gW", c.parameter("boundary"));
        assertEquals("ab cd", ContentType.parse("multipart/mixed; boundary=\"ab cd\"").parameter("boundary"));
    }

    @Test
    void firstOfARepeatedParameterWinsAndEmptyOnesAreSkipped() {
        ContentType c = ContentType.parse("text/plain;; charset=ascii ;charset=utf-8;");
        assertEquals("ascii", c.parameter("charset"));
        assertEquals(1, c.parameters().size());
    }

    @Test
    void rejectsMalformedValues() {
        for (String bad : List.of("", "text", "text/", "/plain", "text /plain", "text/plain; charset",
                "text/plain; charset=", "text/plain; =x", "text/plain; a=\"open", "text/plain x",
                "text/plain; a=b c", "text/plain; a=\"\u0001\"", "te(xt/plain")) {
            assertThrows(IllegalArgumentException.class, () -> ContentType.parse(bad), bad);
            assertEquals(Optional.empty(), ContentType.tryParse(bad), bad);
        }
        assertEquals(Optional.empty(), ContentType.tryParse(null));
    }

    @Test
    void unknownCharsetIsEmpty() {
        assertEquals(Optional.empty(), ContentType.parse("text/plain; charset=no-such-charset-x").charset());
        assertEquals(Optional.empty(), ContentType.parse("text/plain; charset=\"bad name!\"").charset());
        assertEquals(StandardCharsets.ISO_8859_1,
                ContentType.parse("text/plain").charset(StandardCharsets.ISO_8859_1));
    }

    @Test
    void serialisesQuotingWhereNeeded() {
        ContentType c = ContentType.of("Multipart", "Form-Data").withParameter("boundary", "a b\"c")
                .withParameter("X", "tok");
        assertEquals("multipart/form-data; boundary=\"a b\\\"c\"; x=tok", c.toString());
        assertEquals(c, ContentType.parse(c.toString()));
        assertEquals(c.hashCode(), ContentType.parse(c.toString()).hashCode());
        assertEquals("text/plain; charset=utf-8", ContentType.TEXT_PLAIN_UTF8.toString());
        assertEquals("application/json; charset=utf-16le",
                ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_16LE).toString());
        assertEquals(ContentType.TEXT_PLAIN_UTF8, ContentType.parse("text/plain;charset=utf-8"));
        assertThrows(IllegalArgumentException.class, () -> ContentType.of("te xt", "plain"));
        assertThrows(IllegalArgumentException.class, () -> c.withParameter("a b", "x"));
        assertThrows(IllegalArgumentException.class, () -> c.withParameter("a", "x\r\ny"));
    }

    @Test
    void matchesMediaRanges() {
        ContentType c = ContentType.parse("text/html; charset=utf-8");
        assertTrue(c.matches("text/html"));
        assertTrue(c.matches("TEXT/*"));
        assertTrue(c.matches("*/*"));
        assertFalse(c.matches("text/plain"));
        assertFalse(c.matches("application/*"));
        assertThrows(IllegalArgumentException.class, () -> c.matches("text"));
    }

    @Test
    void textualTypes() {
        assertTrue(ContentType.TEXT_HTML_UTF8.isText());
        assertTrue(ContentType.APPLICATION_JSON.isText());
        assertTrue(ContentType.parse("application/problem+json").isText());
        assertTrue(ContentType.parse("image/svg+xml").isText());
        assertTrue(ContentType.FORM_URLENCODED.isText());
        assertFalse(ContentType.OCTET_STREAM.isText());
        assertFalse(ContentType.parse("image/png").isText());
        assertEquals("text/event-stream", ContentType.EVENT_STREAM.toString());
    }
}
