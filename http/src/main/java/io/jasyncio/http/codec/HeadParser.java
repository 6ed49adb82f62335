package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;

import java.nio.charset.StandardCharsets;

/**
 * Parses a complete head (found by {@link HeadScanner}) straight from the input array: the
 * request or status line, the field lines, and the fields that decide framing. One per decoder;
 * the framing fields describe the last head parsed.
 */
final class HeadParser {
    /* Implementation notes
     *
     * The scanner has already proved that the head ends with an empty line and that every CR is
     * followed by LF and every LF preceded by CR, so each loop below stops at a CR at the latest
     * (CR is in none of the byte classes) and no bounds checks are needed inside a line. Strings
     * are made once per token with the ISO-8859-1 constructor (a plain copy for Latin-1 strings);
     * known names and methods come from constants.
     */

    static final boolean[] TCHAR = new boolean[256];
    /** Field-value bytes (RFC 9110 §5.5): HTAB, SP, VCHAR, obs-text; no CR, LF, NUL, DEL or other controls. */
    static final boolean[] FIELD_VALUE = new boolean[256];
    /** Request-target bytes: visible ASCII (a lenient superset of RFC 3986's). */
    private static final boolean[] TARGET = new boolean[256];

    static {
        for (int c = 0; c < 128; c++) {
            TCHAR[c] = io.jasyncio.http.Tokens.isTchar(c);
        }
        for (int c = 0; c < 256; c++) {
            FIELD_VALUE[c] = c == '\t' || (c >= 0x20 && c != 0x7F);
            TARGET[c] = c > 0x20 && c < 0x7F;
        }
    }

    // The framing fields of the last head parsed (see parseFields).
    int hostCount;
    String host;
    int contentLengthCount;
    long contentLength;
    boolean transferEncoding;
    boolean chunkedLast;
    boolean chunkedSeen;
    boolean otherCoding;
    boolean connectionClose;
    boolean connectionKeepAlive;
    boolean expectContinue;
    /** The last Host value that passed the check. */
    private String lastValidHost;

    /**
     * Parses a request head of {@code len} bytes at {@code buf[off]} with {@code fieldCount}
     * field lines and derives its framing.
     *
     * @throws CodecException 400 for bad syntax or framing, 501 for an unsupported transfer
     *     coding, 505 for a well-formed version other than 1.0 and 1.1
     */
    RequestHead parseRequest(byte[] buf, int off, int len, int fieldCount) throws CodecException {
        int p = off;
        while (TCHAR[buf[p] & 0xFF]) {
            p++;
        }
        if (p == off || buf[p] != ' ') {
            throw new CodecException(400, "malformed method");
        }
        Method method = method(buf, off, p - off);
        int t = ++p;
        while (TARGET[buf[p] & 0xFF]) {
            p++;
        }
        if (p == t || buf[p] != ' ') {
            throw new CodecException(400, "malformed request target");
        }
        String target = new String(buf, t, p - t, StandardCharsets.ISO_8859_1);
        HttpVersion version = version(buf, ++p, 400);
        Headers headers = new Headers(fieldCount + 1);
        parseFields(buf, p + 10, off + len, headers, true);

        if (version == HttpVersion.HTTP_1_1 && hostCount == 0) {
            throw new CodecException(400, "HTTP/1.1 request without Host");
        }
        if (hostCount > 1) {
            throw new CodecException(400, "more than one Host field");
        }
        if (hostCount == 1 && !host.equals(lastValidHost)) {
            // A connection's requests nearly always name the same host: check it once.
            if (!Targets.isHostValue(host)) {
                throw new CodecException(400, "invalid Host field value");
            }
            lastValidHost = host;
        }
        String authority = Targets.check(method, target);
        if (authority != null) {
            headers.set("Host", authority);
        }
        long length;
        if (transferEncoding) {
            if (contentLengthCount > 0) {
                throw new CodecException(400, "both Transfer-Encoding and Content-Length");
            }
            if (version == HttpVersion.HTTP_1_0) {
                throw new CodecException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!chunkedLast) {
                throw new CodecException(400, "final transfer coding is not chunked");
            }
            if (otherCoding) {
                throw new CodecException(501, "transfer coding other than chunked");
            }
            length = -1;
        } else {
            length = contentLengthCount > 0 ? contentLength : 0;
        }
        boolean keepAlive = version == HttpVersion.HTTP_1_1
                ? !connectionClose
                : connectionKeepAlive && !connectionClose;
        return new RequestHead(method, target, version, headers, length, keepAlive,
                expectContinue && version == HttpVersion.HTTP_1_1);
    }

    /**
     * Parses a status line at {@code buf[off]}: version, three-digit code, and an optional reason.
     * Leaves the fields to {@link #parseFields}; returns where they start.
     *
     * @param out receives version, status and reason
     */
    int parseStatusLine(byte[] buf, int off, Object[] out) throws CodecException {
        HttpVersion version = version(buf, off, 502);
        int p = off + 8;
        if (buf[p] != ' ' || !isDigit(buf[p + 1]) || !isDigit(buf[p + 2]) || !isDigit(buf[p + 3])) {
            throw new CodecException(502, "malformed status code");
        }
        int status = (buf[p + 1] - '0') * 100 + (buf[p + 2] - '0') * 10 + (buf[p + 3] - '0');
        if (status < 100) {
            throw new CodecException(502, "status code below 100");
        }
        p += 4;
        String reason = "";
        if (buf[p] == ' ') {
            int r = ++p;
            while (FIELD_VALUE[buf[p] & 0xFF]) {
                p++;
            }
            reason = new String(buf, r, p - r, StandardCharsets.ISO_8859_1);
        }
        if (buf[p] != '\r') {
            throw new CodecException(502, "malformed status line");
        }
        out[0] = version;
        out[1] = status;
        out[2] = reason;
        return p + 2;
    }

    /** Reads "HTTP/1.x" followed by the line's CR at {@code buf[p]}. */
    private static HttpVersion version(byte[] buf, int p, int badStatus) throws CodecException {
        int e = p;
        while (buf[e] != '\r' && buf[e] != ' ' && e - p <= 8) {
            e++;
        }
        boolean wellFormed = e - p == 8 && buf[p] == 'H' && buf[p + 1] == 'T' && buf[p + 2] == 'T'
                && buf[p + 3] == 'P' && buf[p + 4] == '/' && isDigit(buf[p + 5]) && buf[p + 6] == '.'
                && isDigit(buf[p + 7]);
        if (!wellFormed || (badStatus == 400 && buf[e] != '\r')) {
            throw new CodecException(badStatus, "malformed HTTP version");
        }
        if (buf[p + 5] == '1' && buf[p + 7] == '1') {
            return HttpVersion.HTTP_1_1;
        }
        if (buf[p + 5] == '1' && buf[p + 7] == '0') {
            return HttpVersion.HTTP_1_0;
        }
        throw new CodecException(badStatus == 400 ? 505 : badStatus, "unsupported HTTP version");
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Parses the field lines in {@code buf[p, end)} (which ends with the empty line) into
     * {@code headers}; with {@code framing}, first resets and then records the framing fields.
     *
     * @throws CodecException 400 for obs-fold, a bad name, whitespace before the colon, a control
     *     in a value, or an invalid framing field
     */
    void parseFields(byte[] buf, int p, int end, Headers headers, boolean framing) throws CodecException {
        if (framing) {
            resetFraming();
        }
        int last = end - 2;
        while (p < last) {
            int ns = p;
            int hash = 0;
            byte c;
            while (TCHAR[(c = buf[p]) & 0xFF]) {
                hash = FieldNames.hash(hash, c);
                p++;
            }
            if (buf[p] != ':' || p == ns) {
                byte b = buf[ns];
                throw new CodecException(400, b == ' ' || b == '\t' ? "obs-fold or whitespace before a field name"
                        : p == ns ? "empty or invalid field name" : "invalid byte in field name or whitespace before colon");
            }
            int nameLen = p - ns;
            p++;
            while (buf[p] == ' ' || buf[p] == '\t') {
                p++;
            }
            int vs = p;
            p = Swar.skipFieldValue(buf, p);
            if (buf[p] != '\r') {
                throw new CodecException(400, "control character in field value");
            }
            int ve = p;
            while (ve > vs && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
                ve--;
            }
            p += 2;
            int found = FieldNames.lookup(buf, ns, nameLen, hash);
            int id = found >> 1;
            String value = ve == vs ? "" : new String(buf, vs, ve - vs, StandardCharsets.ISO_8859_1);
            headers.addUnchecked(FieldNames.name(found, buf, ns, nameLen), value);
            if (framing && id >= 0 && id <= FieldNames.EXPECT) {
                framingField(id, value);
            }
        }
    }

    private void resetFraming() {
        hostCount = 0;
        host = null;
        contentLengthCount = 0;
        contentLength = 0;
        transferEncoding = false;
        chunkedLast = false;
        chunkedSeen = false;
        otherCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        expectContinue = false;
    }

    private void framingField(int id, String value) throws CodecException {
        switch (id) {
            case FieldNames.HOST -> {
                hostCount++;
                host = value;
            }
            case FieldNames.CONTENT_LENGTH -> {
                if (++contentLengthCount > 1) {
                    throw new CodecException(400, "more than one Content-Length field");
                }
                contentLength = parseLength(value);
            }
            case FieldNames.TRANSFER_ENCODING -> transferCodings(value);
            case FieldNames.CONNECTION -> connectionOptions(value);
            case FieldNames.EXPECT -> expectContinue |= value.equalsIgnoreCase("100-continue");
            default -> throw new AssertionError(id);
        }
    }

    /** 1*DIGIT, at most 18 digits (so it fits a long); leading zeros allowed as the grammar does. */
    static long parseLength(String value) throws CodecException {
        int n = value.length();
        if (n == 0 || n > 18) {
            throw new CodecException(400, "invalid Content-Length");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new CodecException(400, "invalid Content-Length");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void transferCodings(String value) throws CodecException {
        transferEncoding = true;
        int i = 0;
        int n = value.length();
        while (true) {
            int s = i;
            while (i < n && value.charAt(i) != ',') {
                i++;
            }
            String coding = value.substring(s, i).strip();
            if (coding.isEmpty()) {
                throw new CodecException(400, "empty element in Transfer-Encoding");
            }
            if (coding.equalsIgnoreCase("chunked")) {
                if (chunkedSeen) {
                    throw new CodecException(400, "chunked applied more than once");
                }
                chunkedSeen = true;
                chunkedLast = true;
            } else {
                chunkedLast = false;
                otherCoding = true;
            }
            if (i == n) {
                return;
            }
            i++;
        }
    }

    private void connectionOptions(String value) {
        if (value.indexOf(',') < 0) {
            // One option, already without OWS: the common case needs no substring.
            connectionClose |= value.equalsIgnoreCase("close");
            connectionKeepAlive |= value.equalsIgnoreCase("keep-alive");
            return;
        }
        int i = 0;
        int n = value.length();
        while (i <= n) {
            int s = i;
            while (i < n && value.charAt(i) != ',') {
                i++;
            }
            String option = value.substring(s, i).strip();
            if (option.equalsIgnoreCase("close")) {
                connectionClose = true;
            } else if (option.equalsIgnoreCase("keep-alive")) {
                connectionKeepAlive = true;
            }
            i++;
        }
    }

    private static Method method(byte[] b, int off, int len) {
        switch (len) {
            case 3 -> {
                if (is(b, off, "GET")) return Method.GET;
                if (is(b, off, "PUT")) return Method.PUT;
            }
            case 4 -> {
                if (is(b, off, "POST")) return Method.POST;
                if (is(b, off, "HEAD")) return Method.HEAD;
            }
            case 5 -> {
                if (is(b, off, "PATCH")) return Method.PATCH;
                if (is(b, off, "TRACE")) return Method.TRACE;
            }
            case 6 -> {
                if (is(b, off, "DELETE")) return Method.DELETE;
            }
            case 7 -> {
                if (is(b, off, "OPTIONS")) return Method.OPTIONS;
                if (is(b, off, "CONNECT")) return Method.CONNECT;
            }
            default -> {
            }
        }
        return Method.of(new String(b, off, len, StandardCharsets.ISO_8859_1));
    }

    private static boolean is(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
