package io.jasyncio.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A sans-IO streaming parser for {@code multipart/form-data} bodies (RFC 7578, with the
 * framing of RFC 2046 §5.1): bytes in, in any split, through {@link #feed}; events out through
 * {@link #next}: {@link MultipartEvent.PartStart} with the part's header fields,
 * {@link MultipartEvent.PartData} pieces, {@link MultipartEvent.PartEnd}, and finally
 * {@link MultipartEvent.End}. No sockets, no loop: the server's request feeds it as body bytes
 * arrive, and the parser holds at most one header block or one delimiter's worth of body bytes,
 * so a file of any size streams through.
 *
 * {@snippet :
 * MultipartParser p = MultipartParser.forContentType(request.headers().get("Content-Type"));
 * while (true) {
 *     MultipartEvent e = p.next();
 *     if (e == null) {                       // needs more bytes
 *         ByteBuffer chunk = body.read();    // suspends
 *         if (chunk == null) p.feedEof(); else p.feed(chunk);
 *         continue;
 *     }
 *     switch (e) {
 *         case MultipartEvent.PartStart s -> open(s.name(), s.filename());
 *         case MultipartEvent.PartData d -> write(d.data());
 *         case MultipartEvent.PartEnd x -> close();
 *         case MultipartEvent.End x -> { return; }
 *     }
 * }
 * }
 *
 * <p>Strictness: part headers must be CRLF-terminated {@code name: value} lines (no obs-fold, no
 * bare CR or LF, no controls; values are read as UTF-8, as browsers send file names); a part
 * without Content-Disposition is allowed (its {@code name()} is null); transport padding after a
 * boundary is allowed up to 256 bytes; a body that ends before the closing boundary is an error.
 * Quoted strings in Content-Disposition follow RFC 9110 (backslash escapes), as aiohttp does;
 * browsers percent-encode {@code "} and newlines instead, which pass through unchanged. Unlike
 * aiohttp's {@code MultipartReader}, which reads from a stream, this never suspends or
 * allocates per byte, and nested {@code multipart/mixed} parts are not expanded (a nested part
 * is data like any other). Not thread-safe.
 */
public final class MultipartParser {
    /* Implementation notes: the buffer starts with a synthetic CRLF so that the first boundary
     * (which RFC 2046 lets open the body with no CRLF before it) is found by the same search for
     * CRLF "--" boundary as every later one. States: PREAMBLE -> (AFTER_DELIMITER -> HEADERS ->
     * BODY)* -> AFTER_DELIMITER -> DONE. In BODY, bytes are released as data up to the first
     * position that could begin a delimiter, so a delimiter split across feeds is never emitted
     * as data. The first error is kept and thrown on every later call. */

    /**
     * Limits against hostile bodies; the body's total size is the server's to limit.
     *
     * @param maxPartHeaderBytes the largest header block of one part, CRLFs included
     * @param maxParts the most parts one body may hold
     * @param maxHeaderCount the most header fields one part may hold
     */
    public record Limits(int maxPartHeaderBytes, int maxParts, int maxHeaderCount) {
        /** 16 KiB of part headers, 1000 parts, 32 fields a part. */
        public static final Limits DEFAULTS = new Limits(16 * 1024, 1000, 32);

        /**
         * Checks the limits.
         *
         * @throws IllegalArgumentException if a limit is below 1
         */
        public Limits {
            if (maxPartHeaderBytes < 1 || maxParts < 1 || maxHeaderCount < 1) {
                throw new IllegalArgumentException("multipart limits must be positive");
            }
        }
    }

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, DONE }

    private static final int MAX_PADDING = 256;

    private final byte[] delimiter;
    private final Limits limits;
    private byte[] buf;
    private int start;
    private int end;
    private boolean eof;
    private State state = State.PREAMBLE;
    private int parts;
    private MultipartException failure;
    /** Where the real body begins in buf (the synthetic CRLF lies before it); moves with compaction. */
    private int bodyOrigin = 2;
    /** Where the search for the end of a header block resumes, so byte-at-a-time input stays linear. */
    private int headerScan;

    /**
     * A parser for a body delimited by {@code boundary}.
     *
     * @throws IllegalArgumentException if the boundary is not 1-70 RFC 2046 bchars, or ends in a space
     */
    public MultipartParser(String boundary, Limits limits) {
        Objects.requireNonNull(boundary, "boundary");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new IllegalArgumentException("multipart boundary must be 1-70 chars, not ending in a space: \"" + boundary + "\"");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean bchar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!bchar) {
                throw new IllegalArgumentException("multipart boundary holds a char RFC 2046 does not allow: \"" + boundary + "\"");
            }
        }
        delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        buf = new byte[Math.max(4096, delimiter.length * 2)];
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** A parser for {@code boundary} with {@link Limits#DEFAULTS}. */
    public MultipartParser(String boundary) {
        this(boundary, Limits.DEFAULTS);
    }

    /**
     * A parser for the body of a request with this Content-Type.
     *
     * @throws MultipartException if the value is not a {@code multipart/*} media type with a valid boundary
     */
    public static MultipartParser forContentType(String contentType, Limits limits) throws MultipartException {
        ContentType ct;
        try {
            ct = ContentType.parse(contentType == null ? "" : contentType);
        } catch (IllegalArgumentException e) {
            throw new MultipartException("not a multipart Content-Type: " + e.getMessage());
        }
        if (!ct.type().equals("multipart")) {
            throw new MultipartException("not a multipart Content-Type: " + ct.mediaType());
        }
        String boundary = ct.parameter("boundary");
        if (boundary == null) {
            throw new MultipartException("multipart Content-Type without a boundary parameter");
        }
        try {
            return new MultipartParser(boundary, limits);
        } catch (IllegalArgumentException e) {
            throw new MultipartException(e.getMessage());
        }
    }

    /** {@link #forContentType(String, Limits)} with {@link Limits#DEFAULTS}. */
    public static MultipartParser forContentType(String contentType) throws MultipartException {
        return forContentType(contentType, Limits.DEFAULTS);
    }

    /**
     * Adds body bytes: all of {@code data}'s remaining bytes are copied, and its position moves
     * to its limit.
     *
     * @throws IllegalStateException after {@link #feedEof}
     */
    public void feed(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feed after feedEof");
        }
        int n = data.remaining();
        if (state == State.DONE) {
            data.position(data.limit()); // the epilogue: ignored
            return;
        }
        if (end + n > buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            bodyOrigin -= start;
            headerScan -= start;
            start = 0;
            if (end + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + n));
            }
        }
        data.get(buf, end, n);
        end += n;
    }

    /** Says the body has ended; {@link #next} then fails unless the closing boundary was read. */
    public void feedEof() {
        eof = true;
    }

    /** How many fed bytes the parser holds and has not yet returned or discarded. */
    public int buffered() {
        return end - Math.max(start, bodyOrigin);
    }

    /**
     * The next event, or null when the parser needs more bytes (or after {@link MultipartEvent.End}).
     *
     * @throws MultipartException if the body is malformed, exceeds a limit, or ended (by
     *     {@link #feedEof}) before the closing boundary; every later call throws it again
     */
    public MultipartEvent next() throws MultipartException {
        if (failure != null) {
            throw failure;
        }
        try {
            MultipartEvent e = step();
            if (e == null && eof && state != State.DONE) {
                throw new MultipartException("multipart body ended before its closing boundary");
            }
            return e;
        } catch (MultipartException e) {
            failure = e;
            throw e;
        }
    }

    private MultipartEvent step() throws MultipartException {
        while (true) {
            switch (state) {
                case PREAMBLE -> {
                    int at = indexOf(delimiter, start);
                    if (at < 0) {
                        start = Math.max(start, end - delimiter.length + 1);
                        return null;
                    }
                    start = at + delimiter.length;
                    state = State.AFTER_DELIMITER;
                }
                case AFTER_DELIMITER -> {
                    if (end - start < 2) {
                        return null;
                    }
                    if (buf[start] == '-' && buf[start + 1] == '-') {
                        state = State.DONE;
                        start = end; // the epilogue
                        return new MultipartEvent.End();
                    }
                    int i = start;
                    while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
                        i++;
                    }
                    if (i - start > MAX_PADDING) {
                        throw new MultipartException("more than " + MAX_PADDING + " bytes of padding after a boundary");
                    }
                    if (end - i < 2) {
                        return null;
                    }
                    if (buf[i] != '\r' || buf[i + 1] != '\n') {
                        throw new MultipartException("boundary not followed by CRLF or \"--\"");
                    }
                    if (parts == limits.maxParts()) {
                        throw new MultipartException("more than " + limits.maxParts() + " parts", true);
                    }
                    parts++;
                    start = i + 2;
                    headerScan = start;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int blockEnd;
                    if (end - start >= 2 && buf[start] == '\r' && buf[start + 1] == '\n') {
                        blockEnd = start; // no header fields
                    } else {
                        blockEnd = indexOf(CRLFCRLF, Math.max(start, headerScan));
                        if (blockEnd < 0) {
                            headerScan = Math.max(start, end - 3);
                            if (end - start > limits.maxPartHeaderBytes()) {
                                throw new MultipartException("part headers longer than " + limits.maxPartHeaderBytes() + " bytes", true);
                            }
                            return null;
                        }
                        blockEnd += 2;
                    }
                    if (blockEnd + 2 - start > limits.maxPartHeaderBytes()) {
                        throw new MultipartException("part headers longer than " + limits.maxPartHeaderBytes() + " bytes", true);
                    }
                    MultipartEvent.PartStart head = partStart(start, blockEnd);
                    start = blockEnd + 2;
                    state = State.BODY;
                    return head;
                }
                case BODY -> {
                    if (start == end) {
                        return null;
                    }
                    int at = indexOf(delimiter, start);
                    if (at == start) {
                        start += delimiter.length;
                        state = State.AFTER_DELIMITER;
                        return new MultipartEvent.PartEnd();
                    }
                    int safe = at >= 0 ? at : partialDelimiterAt();
                    if (safe == start) {
                        return null;
                    }
                    ByteBuffer data = ByteBuffer.wrap(Arrays.copyOfRange(buf, start, safe)).asReadOnlyBuffer();
                    start = safe;
                    return new MultipartEvent.PartData(data);
                }
                case DONE -> {
                    return null;
                }
            }
        }
    }

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    /** The first index in [start, end) from which the buffered tail could still become a delimiter; end if none. */
    private int partialDelimiterAt() {
        for (int k = Math.max(start, end - delimiter.length + 1); k < end; k++) {
            if (buf[k] == '\r' && Arrays.equals(buf, k, end, delimiter, 0, end - k)) {
                return k;
            }
        }
        return end;
    }

    private int indexOf(byte[] needle, int from) {
        byte first = needle[0];
        int last = end - needle.length;
        for (int i = from; i <= last; i++) {
            if (buf[i] == first && Arrays.equals(buf, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private MultipartEvent.PartStart partStart(int from, int to) throws MultipartException {
        Headers headers = new Headers();
        int i = from;
        while (i < to) {
            int lineEnd = i;
            while (buf[lineEnd] != '\r') {
                if (buf[lineEnd] == '\n') {
                    throw new MultipartException("bare LF in part headers");
                }
                lineEnd++;
            }
            if (buf[lineEnd + 1] != '\n') {
                throw new MultipartException("bare CR in part headers");
            }
            header(headers, i, lineEnd);
            i = lineEnd + 2;
        }
        String disposition = null;
        Map<String, String> params = Map.of();
        String cd = headers.get("Content-Disposition");
        if (cd != null) {
            int typeEnd = HeaderParams.tokenEnd(cd, 0);
            if (typeEnd == 0) {
                throw new MultipartException("malformed Content-Disposition: " + cd);
            }
            disposition = cd.substring(0, typeEnd).toLowerCase(Locale.ROOT);
            try {
                params = HeaderParams.parse(cd, typeEnd, "Content-Disposition");
            } catch (IllegalArgumentException e) {
                throw new MultipartException("malformed Content-Disposition: " + e.getMessage());
            }
        }
        return new MultipartEvent.PartStart(headers, disposition, params);
    }

    private void header(Headers headers, int from, int to) throws MultipartException {
        if (headers.size() == limits.maxHeaderCount()) {
            throw new MultipartException("more than " + limits.maxHeaderCount() + " header fields in a part", true);
        }
        if (buf[from] == ' ' || buf[from] == '\t') {
            throw new MultipartException("folded (obs-fold) part header line");
        }
        int colon = from;
        while (colon < to && Tokens.isTchar(buf[colon])) {
            colon++;
        }
        if (colon == from || colon == to || buf[colon] != ':') {
            throw new MultipartException("malformed part header line");
        }
        int v = colon + 1;
        int ve = to;
        while (v < ve && (buf[v] == ' ' || buf[v] == '\t')) v++;
        while (ve > v && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) ve--;
        for (int k = v; k < ve; k++) {
            if (!Tokens.isFieldValueByte(buf[k])) {
                throw new MultipartException("control character in a part header value");
            }
        }
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, v, ve - v)).toString();
        } catch (CharacterCodingException e) {
            throw new MultipartException("part header value is not UTF-8");
        }
        headers.addUnchecked(new String(buf, from, colon - from, StandardCharsets.US_ASCII), value);
    }
}
