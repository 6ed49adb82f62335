package io.jasyncio.http.server;

import io.jasyncio.http.ContentType;
import io.jasyncio.http.Headers;
import io.jasyncio.http.MultipartEvent;
import io.jasyncio.http.MultipartException;
import io.jasyncio.http.MultipartParser;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.Status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} request body read part by part as it arrives, aiohttp's
 * {@code MultipartReader}: made by {@link Request#multipart}; each {@link Part}'s body is read in
 * pieces, so an upload of any size streams through without being held in memory.
 *
 * {@snippet :
 * app.post("/upload", request -> {
 *     MultipartReader parts = request.multipart();
 *     for (MultipartReader.Part part; (part = parts.next()) != null; ) {
 *         if (part.isFile()) {
 *             try (FileChannel out = FileChannel.open(uploads.resolve(UUID.randomUUID().toString()), CREATE_NEW, WRITE)) {
 *                 for (ByteBuffer piece; (piece = part.read()) != null; ) {
 *                     out.write(piece);
 *                 }
 *             }
 *         } else {
 *             fields.put(part.name(), part.text());
 *         }
 *     }
 *     return Response.text("stored");
 * });
 * }
 *
 * <p>Belongs to the handler's task; reads suspend until body bytes arrive. A malformed body
 * answers 400 and a body beyond the parser's limits 413 (as {@link HttpException}s from the
 * reads). Differs from aiohttp: nested {@code multipart/mixed} parts are not expanded, and
 * {@code Content-Transfer-Encoding} is not decoded (RFC 7578 §4.7 deprecates it).
 */
public final class MultipartReader {
    /* Implementation notes
     *
     * One parser, fed from RequestBody.read() whenever it asks for bytes. Only the current part
     * has bytes left: next() first reads it to its end (so an earlier Part is always ended),
     * and the reader never holds more than the parser does.
     */

    private final RequestBody body;
    private final MultipartParser parser;
    private final long textLimit;
    private Part current;
    private boolean done;

    MultipartReader(RequestBody body, MultipartParser parser, long textLimit) {
        this.body = body;
        this.parser = parser;
        this.textLimit = textLimit;
    }

    /**
     * The next part, with its headers read, or null after the last. Whatever the previous part
     * had left unread is skipped. Suspends until the part's headers have arrived.
     *
     * @throws HttpException 400 if the body is malformed or ends early, 413 past a parser limit
     * @throws IOException if the connection failed
     */
    public Part next() throws IOException {
        if (done) {
            return null;
        }
        if (current != null) {
            while (current.read() != null) {
                // skipping the unread rest of the previous part
            }
            current = null;
        }
        MultipartEvent e = nextEvent();
        if (e instanceof MultipartEvent.PartStart start) {
            current = new Part(start);
            return current;
        }
        if (e instanceof MultipartEvent.End) {
            done = true;
            return null;
        }
        throw new IllegalStateException("multipart parser gave " + e + " between parts");
    }

    /**
     * The text fields (parts with a name and no file name) in order, the files skipped: what
     * {@link Request#form} gives for a multipart body.
     *
     * @throws HttpException 413 once the fields' bytes together pass {@code limit}; 400 as {@link #next}
     */
    QueryParams textFields(long limit) throws IOException {
        QueryParams.Builder fields = QueryParams.builder();
        long left = limit;
        int count = 0;
        for (Part part; (part = next()) != null; ) {
            if (part.isFile() || part.name() == null) {
                continue;
            }
            if (++count > QueryParams.DEFAULT_MAX_PARAMS) {
                throw new HttpException(Status.BAD_REQUEST, "too many form fields");
            }
            byte[] value = part.bytes(left);
            left -= value.length;
            fields.add(part.name(), new String(value, part.charset()));
        }
        return fields.build();
    }

    private MultipartEvent nextEvent() throws IOException {
        while (true) {
            MultipartEvent e;
            try {
                e = parser.next();
            } catch (MultipartException x) {
                throw new HttpException(x.isLimit() ? Status.CONTENT_TOO_LARGE : Status.BAD_REQUEST,
                        "malformed multipart body: " + x.getMessage());
            }
            if (e != null) {
                return e;
            }
            ByteBuffer piece = body.read();
            if (piece == null) {
                parser.feedEof();
            } else {
                parser.feed(piece);
            }
        }
    }

    /** One part: its headers, then its body in pieces. */
    public final class Part {
        private final MultipartEvent.PartStart start;
        private boolean ended;

        private Part(MultipartEvent.PartStart start) {
            this.start = start;
        }

        /** The form field's name (Content-Disposition {@code name}), or null. */
        public String name() {
            return start.name();
        }

        /**
         * The file name the client gave, or null for a plain field. Whatever the client sent:
         * never use it as a path without cleaning it.
         */
        public String filename() {
            return start.filename();
        }

        /** Whether the part is a file upload (it has a file name). */
        public boolean isFile() {
            return start.isFile();
        }

        /** The part's Content-Type field, or null (RFC 7578: then {@code text/plain}). */
        public String contentType() {
            return start.contentType();
        }

        /** The part's header fields. */
        public Headers headers() {
            return start.headers();
        }

        /**
         * The next piece of the part's body, or null at its end (and for a part the reader has
         * moved past, whose rest was skipped). Suspends until bytes arrive.
         *
         * @throws HttpException 400 if the body is malformed or ends early
         * @throws IOException if the connection failed
         */
        public ByteBuffer read() throws IOException {
            if (ended) {
                return null;
            }
            MultipartEvent e = nextEvent();
            if (e instanceof MultipartEvent.PartData d) {
                return d.data();
            }
            if (e instanceof MultipartEvent.PartEnd) {
                ended = true;
                return null;
            }
            throw new IllegalStateException("multipart parser gave " + e + " inside a part");
        }

        /**
         * The rest of the part's body as one array. Suspends until it has arrived.
         *
         * @throws HttpException 413 once more than {@code limit} bytes would be held; 400 as {@link #read}
         * @throws IOException if the connection failed
         */
        public byte[] bytes(long limit) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuffer piece; (piece = read()) != null; ) {
                if (out.size() + (long) piece.remaining() > limit) {
                    throw new HttpException(Status.CONTENT_TOO_LARGE, "a multipart part is larger than " + limit + " bytes");
                }
                byte[] b = new byte[piece.remaining()];
                piece.get(b);
                out.writeBytes(b);
            }
            return out.toByteArray();
        }

        /**
         * The rest of the part's body as text in its Content-Type's charset (UTF-8 when none),
         * at most the request's {@link Request#maxBody} bytes. Suspends.
         *
         * @throws HttpException 413 past that; 400 as {@link #read}
         * @throws IOException if the connection failed
         */
        public String text() throws IOException {
            return new String(bytes(textLimit), charset());
        }

        Charset charset() {
            return ContentType.tryParse(contentType()).flatMap(ContentType::charset).orElse(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Part[" + start + "]";
        }
    }
}
