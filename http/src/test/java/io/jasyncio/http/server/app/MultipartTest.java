package io.jasyncio.http.server.app;

import static io.jasyncio.http.server.AppTestRequests.post;
import static io.jasyncio.http.server.AppTestRequests.request;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.Method;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.MultipartReader;
import io.jasyncio.http.server.Request;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Request#multipart}, {@link MultipartReader} and multipart {@link Request#form}. */
class MultipartTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";
    private static final String BODY = "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
            + "Holiday \u00e9t\u00e9\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"photo\"; filename=\"beach.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n"
            + "JPEGDATA-0123456789\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"note\"\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
            + "latin\r\n"
            + "--XyZ--\r\n";

    private static Request upload(String body, int piece) {
        return request(Method.POST, "/upload", body.getBytes(StandardCharsets.UTF_8), piece, "Content-Type", TYPE);
    }

    @Test
    void partsStreamInPiecesWithTheirHeaders() throws Exception {
        for (int piece : new int[] {1, 7, 1 << 16}) {
            MultipartReader reader = upload(BODY, piece).multipart();
            MultipartReader.Part title = reader.next();
            assertEquals("title", title.name());
            assertFalse(title.isFile());
            assertNull(title.filename());
            assertNull(title.contentType());
            assertEquals("Holiday \u00e9t\u00e9", title.text());
            MultipartReader.Part photo = reader.next();
            assertEquals("photo", photo.name());
            assertEquals("beach.jpg", photo.filename());
            assertTrue(photo.isFile());
            assertEquals("image/jpeg", photo.contentType());
            assertEquals("image/jpeg", photo.headers().get("content-type"));
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (ByteBuffer b; (b = photo.read()) != null; ) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                data.writeBytes(bytes);
            }
            assertEquals("JPEGDATA-0123456789", data.toString(StandardCharsets.UTF_8), "piece " + piece);
            assertNull(photo.read(), "a finished part stays finished");
            MultipartReader.Part note = reader.next();
            assertEquals("latin", note.text());
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void nextSkipsTheUnreadRestOfAPart() throws Exception {
        MultipartReader reader = upload(BODY, 3).multipart();
        MultipartReader.Part title = reader.next();
        MultipartReader.Part photo = reader.next();
        assertEquals("photo", photo.name());
        assertNull(title.read(), "skipped to its end");
        MultipartReader.Part note = reader.next();
        assertNull(photo.read(), "an unread part that was skipped reads as ended");
        assertEquals("note", note.name());
    }

    @Test
    void partBytesAreLimited() throws Exception {
        MultipartReader reader = upload(BODY, 5).multipart();
        reader.next();
        assertEquals(413, assertThrows(HttpException.class, () -> reader.next().bytes(10)).status());
    }

    @Test
    void aTruncatedOrMalformedBodyIs400() throws Exception {
        MultipartReader truncated = upload(BODY.substring(0, BODY.length() - 12), 4).multipart();
        HttpException e = assertThrows(HttpException.class, () -> {
            while (truncated.next() != null) {
                // read every part to the end
            }
        });
        assertEquals(400, e.status());
        MultipartReader garbage = upload("--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--\r\n", 4).multipart();
        assertEquals(400, assertThrows(HttpException.class, garbage::next).status());
    }

    @Test
    void multipartNeedsAMultipartTypeWithABoundary() {
        assertEquals(415, assertThrows(HttpException.class, () -> post("/", "x", "Content-Type", "text/plain").multipart()).status());
        assertEquals(415, assertThrows(HttpException.class, () -> post("/", "x").multipart()).status());
        assertEquals(400, assertThrows(HttpException.class, () -> post("/", "x", "Content-Type", "multipart/form-data").multipart()).status());
    }

    @Test
    void formGivesTheTextFieldsOfAMultipartBodyAndSkipsFiles() throws Exception {
        QueryParams form = upload(BODY, 2).form();
        assertEquals(List.of("title", "note"), List.copyOf(form.names()));
        assertEquals("Holiday \u00e9t\u00e9", form.get("title"));
        assertEquals("latin", form.get("note"));
    }

    @Test
    void multipartFormTextIsLimitedByMaxBody() {
        Request r = upload(BODY, 64);
        r.setMaxBody(12);
        assertEquals(413, assertThrows(HttpException.class, r::form).status());
    }
}
