package io.jasyncio.http.client;

import io.jasyncio.http.ContentType;
import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import io.jasyncio.http.codec.ResponseHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The response to a {@link ClientSession} request: its status line and headers at once, its body
 * read on demand — whole ({@link #bytes()}, {@link #text()}, {@link #json(Class)}) or streamed
 * ({@link #chunks()}, {@link #lines()}, {@link #saveTo(Path)}) with backpressure: the socket is read
 * only as fast as the body is consumed. aiohttp's {@code ClientResponse}.
 *
 * <p><b>Releasing the connection.</b> The response holds its connection until the body was read to
 * the end (then it goes back to the pool at once) or the response is {@linkplain #close() closed}:
 * a small unread rest is drained so the connection can be reused, a larger one makes the pool
 * drop the connection. Use try-with-resources whenever the body might not be read to the end:
 * {@snippet :
 * try (ClientResponse r = session.get("/big")) {
 *     for (String line : r.lines()) {
 *         if (line.startsWith("END")) break;     // close() releases the rest
 *     }
 * }
 * }
 * A response that is garbage-collected neither read nor closed has its connection dropped and is
 * logged (System.Logger {@code io.jasyncio.http.client}, WARNING), so a forgotten response does not
 * hold a pool slot forever.
 *
 * <p>Payload bytes are decoded from {@code Content-Encoding} gzip or deflate when the session
 * decompresses (the default); {@link #headers()} still shows the encoding the server used.
 * Loop-confined: use a response from the task that made the request.
 *
 * <p><b>Differs from aiohttp:</b> the body methods suspend without {@code await}; reading after a
 * {@link #close()} throws {@link IllegalStateException} instead of returning what was buffered.
 */
public final class ClientResponse implements AutoCloseable {
    /** A line longer than this fails {@link #readLine()}: a body without newlines must not fill the memory. */
    public static final int MAX_LINE = 1 << 20;

    private static final Pattern JSON_TYPE = Pattern.compile("^application/(?:[\\w.+-]+?\\+)?json");
    private static final int SAVE_BATCH = 256 * 1024;

    /** The last Content-Type seen and its charset: responses from one service nearly always repeat it. */
    private record LastCharset(String header, Charset charset) {
    }

    private static volatile LastCharset lastCharset;

    private final Method method;
    private final Url url;
    private final ResponseHead head;
    private final List<ClientResponse> history;
    private final JsonCodec codec;
    private final ResponseBodyReader reader;
    private byte[] body;
    private Charset charset;
    private byte[] lineBuffer;
    private int lineFill;
    private ByteBuffer lineRest;

    ClientResponse(Method method, Url url, ResponseHead head, List<ClientResponse> history, JsonCodec codec,
                   ResponseBodyReader reader) {
        this.method = method;
        this.url = url;
        this.head = head;
        this.history = List.copyOf(history);
        this.codec = codec;
        this.reader = reader;
    }

    /** The status code. */
    public int status() {
        return head.status();
    }

    /** The reason phrase as the server sent it (may be empty). */
    public String reason() {
        return head.reason();
    }

    /** Whether the status is below 400 (aiohttp's {@code ok}). */
    public boolean ok() {
        return head.status() < 400;
    }

    /** HTTP/1.0 or HTTP/1.1. */
    public HttpVersion version() {
        return head.version();
    }

    /** The response's header fields, as sent (do not change them). */
    public Headers headers() {
        return head.headers();
    }

    /** The URL that gave this response: after redirects, the last one. */
    public Url url() {
        return url;
    }

    /** The method of the request that gave this response (a 303 turns a POST into a GET). */
    public Method method() {
        return method;
    }

    /**
     * The redirect responses that led here, the first request's first; empty without redirects.
     * They are closed: their status, headers and URL remain, their bodies do not.
     */
    public List<ClientResponse> history() {
        return history;
    }

    /** The {@code Content-Type} media type in lower case, without parameters; null when absent or malformed. */
    public String contentType() {
        return ContentType.tryParse(head.headers().get("Content-Type")).map(ContentType::mediaType).orElse(null);
    }

    /** The body's length as framed on the wire ({@code Content-Length}), or -1 when chunked or delimited by the close. */
    public long contentLength() {
        return head.contentLength() < 0 ? -1 : head.contentLength();
    }

    /**
     * The charset {@link #text()} and {@link #lines()} decode with, by aiohttp's rules: the
     * {@code charset} parameter when the JDK knows it; otherwise UTF-8 (JSON's by RFC 8259, and
     * aiohttp 3.9's fallback for everything else; it no longer guesses from the bytes).
     */
    public Charset charset() {
        Charset cs = charset;
        if (cs == null) {
            String header = head.headers().get("Content-Type");
            LastCharset last = lastCharset;
            if (last != null && last.header.equals(header)) {
                cs = last.charset;
            } else {
                cs = ContentType.tryParse(header).flatMap(ContentType::charset).orElse(StandardCharsets.UTF_8);
                if (header != null) {
                    lastCharset = new LastCharset(header, cs);
                }
            }
            charset = cs;
        }
        return cs;
    }

    /**
     * Throws if the status is 400 or more, after releasing the connection: aiohttp's
     * {@code raise_for_status()}.
     *
     * @throws ClientResponseException with the status, reason, URL and headers
     */
    public void raiseForStatus() throws ClientResponseException {
        if (head.status() >= 400) {
            close();
            throw new ClientResponseException(head.status() + " " + head.reason() + " from " + method + " "
                    + ClientUrls.withoutQuery(url), head.status(), head.reason(), url, head.headers());
        }
    }

    /**
     * The next piece of the body (decoded), or null at its end, when the connection has been
     * released. Suspends until bytes arrive; a cancellation point (a cancelled read drops the
     * connection). The caller owns the buffer.
     *
     * @throws IOException if the connection fails, a timeout expires (the read idle or the total
     *     one, as {@link ClientTimeoutException}s) or the content encoding is corrupt; the
     *     connection was dropped
     * @throws IllegalStateException if the response was closed before its end
     */
    public ByteBuffer readChunk() throws IOException {
        return reader.read();
    }

    /** Reads the end of a body that cannot have content, releasing the connection before the caller sees the response. */
    void releaseEmpty() throws IOException {
        while (reader.read() != null) {
            // the framing rules out content: nothing arrives here, and nothing would be kept
        }
        body = new byte[0];
    }

    /**
     * The whole body (decoded); the connection is released. Calling it again returns the same
     * bytes.
     *
     * @throws IOException as {@link #readChunk()}
     * @throws IllegalStateException if part of the body was already consumed otherwise, or the
     *     response was closed
     */
    public byte[] bytes() throws IOException {
        if (body != null) {
            return body;
        }
        if (reader.started()) {
            throw new IllegalStateException("part of the body was already read with chunks()/lines()/readChunk(): " + this);
        }
        long hint = reader.decoding() ? -1 : contentLength();
        byte[] out = new byte[(int) Math.min(Math.max(hint, 256), 1 << 24)];
        int n = 0;
        for (ByteBuffer b; (b = reader.read()) != null; ) {
            int len = b.remaining();
            if ((long) n + len > Integer.MAX_VALUE - 16) {
                close();
                throw new IOException("the body exceeds 2 GiB: read it with chunks() or saveTo()");
            }
            if (n + len > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(n + len, (int) Math.min(Integer.MAX_VALUE - 16, 2L * out.length)));
            }
            b.get(out, n, len);
            n += len;
        }
        body = n == out.length ? out : java.util.Arrays.copyOf(out, n);
        return body;
    }

    /**
     * The whole body as text in {@link #charset()}; the connection is released.
     *
     * @throws CharacterCodingException if the bytes are not valid in that charset (aiohttp's
     *     {@code errors="strict"})
     * @throws IOException as {@link #bytes()}
     */
    public String text() throws IOException {
        return text(charset());
    }

    /**
     * The whole body as text in {@code charset}, whatever the header says.
     *
     * @throws CharacterCodingException if the bytes are not valid in that charset
     * @throws IOException as {@link #bytes()}
     */
    public String text(Charset charset) throws IOException {
        return decode(bytes(), 0, body.length, charset);
    }

    /**
     * The body decoded as JSON into {@code type} with the session's {@link JsonCodec}
     * ({@code Object.class}: maps, lists, strings, numbers, booleans); null for an empty body, as
     * aiohttp. The connection is released.
     *
     * @throws ClientResponseException if the {@code Content-Type} is not JSON
     *     ({@code application/json} or {@code application/*+json}), as aiohttp's
     *     {@code ContentTypeError}; use {@link #json(Class, boolean)} to skip the check
     * @throws io.jasyncio.http.JsonException if the body is not JSON or does not fit {@code type}
     * @throws IOException as {@link #bytes()}
     */
    public <T> T json(Class<T> type) throws IOException {
        return json(type, true);
    }

    /**
     * {@link #json(Class)}, with the {@code Content-Type} check only when {@code checkContentType}
     * (aiohttp's {@code content_type=None} turns it off).
     *
     * @throws ClientResponseException if checked and the type is not JSON
     * @throws IOException as {@link #bytes()}
     */
    public <T> T json(Class<T> type, boolean checkContentType) throws IOException {
        if (checkContentType) {
            String ct = head.headers().get("Content-Type", "").toLowerCase(java.util.Locale.ROOT).strip();
            if (!JSON_TYPE.matcher(ct).find()) {
                close();
                throw new ClientResponseException("expected a JSON body from " + ClientUrls.withoutQuery(url)
                        + ", got Content-Type \"" + ct + "\"", head.status(), head.reason(), url, head.headers());
            }
        }
        byte[] b = bytes();
        if (blank(b)) {
            return null;
        }
        return codec.decode(b, type);
    }

    /**
     * The body's pieces as they arrive, for a for-each loop in a task; each {@code next()} may
     * suspend. The connection is released at the end. One pass: the same pieces are not given twice.
     * An I/O error comes out of {@code hasNext()} as {@link UncheckedIOException}.
     */
    public Iterable<ByteBuffer> chunks() {
        return () -> new Iterator<>() {
            private ByteBuffer next;
            private boolean end;

            @Override
            public boolean hasNext() {
                if (next == null && !end) {
                    try {
                        next = readChunk();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    end = next == null;
                }
                return next != null;
            }

            @Override
            public ByteBuffer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ByteBuffer b = next;
                next = null;
                return b;
            }
        };
    }

    /**
     * The next line of the body in {@link #charset()}, without its {@code \n} or {@code \r\n};
     * the last line may lack one; null at the end (the connection is then released). Lines are
     * split on the byte {@code \n}, which suits UTF-8 and every ASCII-compatible charset.
     *
     * @throws IOException as {@link #readChunk()}, or if a line is longer than {@link #MAX_LINE} bytes
     */
    public String readLine() throws IOException {
        Charset cs = charset();
        while (true) {
            if (lineRest != null) {
                while (lineRest.hasRemaining()) {
                    byte c = lineRest.get();
                    if (c == '\n') {
                        int end = lineFill > 0 && lineBuffer[lineFill - 1] == '\r' ? lineFill - 1 : lineFill;
                        lineFill = 0;
                        return decode(lineBuffer, 0, end, cs);
                    }
                    if (lineBuffer == null) {
                        lineBuffer = new byte[256];
                    } else if (lineFill == lineBuffer.length) {
                        if (lineFill >= MAX_LINE) {
                            close();
                            throw new IOException("a line of the body is longer than " + MAX_LINE + " bytes");
                        }
                        lineBuffer = java.util.Arrays.copyOf(lineBuffer, lineFill * 2);
                    }
                    lineBuffer[lineFill++] = c;
                }
                lineRest = null;
            }
            ByteBuffer b = readChunk();
            if (b == null) {
                if (lineFill == 0) {
                    return null;
                }
                int end = lineFill;
                lineFill = 0;
                return decode(lineBuffer, 0, end, cs);
            }
            lineRest = b;
        }
    }

    /** {@link #readLine()} as a for-each loop; an I/O error comes out of {@code hasNext()} as {@link UncheckedIOException}. */
    public Iterable<String> lines() {
        return () -> new Iterator<>() {
            private String next;
            private boolean end;

            @Override
            public boolean hasNext() {
                if (next == null && !end) {
                    try {
                        next = readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    end = next == null;
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String s = next;
                next = null;
                return s;
            }
        };
    }

    /**
     * Streams the rest of the body into {@code path} (created or truncated), writing on a worker
     * thread in batches of about 256 KiB, so memory stays bounded whatever the size and the loop
     * never waits for the disk; the socket is not read while a batch is written. The connection is
     * released at the end.
     *
     * @return the number of bytes written
     * @throws IOException as {@link #readChunk()}, or if the file cannot be written (the
     *     connection is then dropped)
     */
    public long saveTo(Path path) throws IOException {
        return BodyFiles.save(this, path, SAVE_BATCH);
    }

    /**
     * Releases the connection: at once when the body was read to the end, else the pool drains
     * a small unread rest or drops the connection. Idempotent; later reads throw
     * {@link IllegalStateException}, except {@link #bytes()} and what it derives when it had
     * already read the whole body.
     */
    @Override
    public void close() {
        reader.close();
    }

    /** Whether the connection was released (body read to the end, or closed). */
    public boolean isReleased() {
        return reader.released();
    }

    /** Drops the connection at once, without draining: for a body that is not wanted and may be long. */
    public void abort() {
        reader.abort();
    }

    private static boolean blank(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] b, int from, int to, Charset cs) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, from, to - from)).toString();
    }

    @Override
    public String toString() {
        return "ClientResponse(" + method + " " + ClientUrls.withoutQuery(url) + " -> " + head.status() + " " + head.reason() + ")";
    }
}
