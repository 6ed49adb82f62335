package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds response heads (and small bodies after them) in one reused array, so that a response
 * leaves in one {@code transport.write} without allocating. One per server; loop-confined.
 */
final class HeadWriter {
    /*
     * Implementation notes.
     *
     * The status lines of the codes seen are cached as bytes; so is the whole "Date: ...\r\n"
     * line, rebuilt when the second changes (System.currentTimeMillis per response is cheaper
     * than a timer). Field names and values are Headers-validated Latin-1 text, copied char by
     * char. The framing fields a handler set (Content-Length, Transfer-Encoding, Connection)
     * are skipped: the server computes them; Date and Server set by the handler win over ours.
     * The buffer handed to the transport wraps the array and is consumed by the write, which
     * copies what it cannot send at once, so the array is free again when write() returns.
     */
    static final int SKIP = 1;
    static final int HAS_DATE = 2;
    static final int HAS_SERVER = 4;
    static final int HAS_LENGTH = 8;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final byte[][] statusLines = new byte[1000][];
    private final byte[] serverLine;
    private byte[] buf = new byte[4096];
    private int len;
    private final ByteBuffer view;
    private ByteBuffer bigView;
    private long dateSecond = Long.MIN_VALUE;
    private byte[] dateLine;

    HeadWriter(String serverName) {
        serverLine = serverName == null ? null : ascii("Server: " + serverName + "\r\n");
        view = ByteBuffer.wrap(buf);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Starts a head with the status line of {@code status}. */
    void begin(int status) {
        len = 0;
        byte[] line = statusLines[status];
        if (line == null) {
            line = ascii("HTTP/1.1 " + status + " " + Status.reason(status) + "\r\n");
            statusLines[status] = line;
        }
        put(line);
    }

    /**
     * Copies the handler's fields, skipping framing ones; returns the HAS_* flags of the fields
     * it found that the server would otherwise add.
     */
    int fields(Headers headers, boolean keepLength) {
        int flags = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            int kind = kind(name);
            if (kind == SKIP || (kind == HAS_LENGTH && !keepLength)) {
                continue;
            }
            flags |= kind;
            putText(name);
            put((byte) ':');
            put((byte) ' ');
            putText(headers.value(i));
            put(CRLF);
        }
        return flags;
    }

    private static int kind(String name) {
        return switch (name.length()) {
            case 4 -> name.equalsIgnoreCase("date") ? HAS_DATE : 0;
            case 6 -> name.equalsIgnoreCase("server") ? HAS_SERVER : 0;
            case 10 -> name.equalsIgnoreCase("connection") ? SKIP : 0;
            case 14 -> name.equalsIgnoreCase("content-length") ? HAS_LENGTH : 0;
            case 17 -> name.equalsIgnoreCase("transfer-encoding") ? SKIP : 0;
            default -> 0;
        };
    }

    /** Adds Date and Server unless the handler's fields had them. */
    void standard(int flags) {
        if ((flags & HAS_DATE) == 0) {
            put(dateLine());
        }
        if ((flags & HAS_SERVER) == 0 && serverLine != null) {
            put(serverLine);
        }
    }

    void contentLength(long n) {
        put(CONTENT_LENGTH);
        putLong(n);
        put(CRLF);
    }

    void chunked() {
        put(CHUNKED);
    }

    void connection(boolean close, boolean http10KeepAlive) {
        if (close) {
            put(CLOSE);
        } else if (http10KeepAlive) {
            put(KEEP_ALIVE);
        }
    }

    /** Ends the head (the empty line). */
    void end() {
        put(CRLF);
    }

    /** Appends body bytes after the head. */
    void body(ByteBuffer data) {
        int n = data.remaining();
        ensure(n);
        data.get(data.position(), buf, len, n);
        len += n;
    }

    int length() {
        return len;
    }

    /** The bytes built so far, as a buffer the caller hands to one write. */
    ByteBuffer buffer() {
        if (buf.length == view.capacity()) {
            return view.clear().limit(len);
        }
        if (bigView == null || bigView.array() != buf) {
            bigView = ByteBuffer.wrap(buf);
        }
        return bigView.clear().limit(len);
    }

    byte[] dateLine() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            dateLine = ascii("Date: " + IMF_FIXDATE.format(ZonedDateTime.ofInstant(
                    java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC)) + "\r\n");
        }
        return dateLine;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    /** Appends prepared bytes (a whole field line). */
    void raw(byte[] b) {
        put(b);
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /**
     * Copies Latin-1 text (Headers validated it: no char above 0xFF) byte for char. The
     * deprecated String.getBytes(int, int, byte[], int) does exactly that, as one array copy for
     * a Latin-1 string, which is what makes it the fastest way here.
     */
    @SuppressWarnings("deprecation")
    private void putText(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, len);
        len += n;
    }

    private void putLong(long v) {
        if (v == 0) {
            put((byte) '0');
            return;
        }
        ensure(20);
        int start = len;
        while (v > 0) {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, len + n)];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
    }
}
