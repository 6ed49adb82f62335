package io.jasyncio.http.codec;

/**
 * Finds where a head (start line and field lines) or a trailer section ends, incrementally, and
 * enforces the line-ending rules and size limits while the bytes arrive, so that nothing
 * unbounded is ever buffered.
 */
final class HeadScanner {
    /* Implementation notes
     *
     * Offsets are relative to the start of the head, because the input buffer may move between
     * feeds. Every check is made in byte order (a bare LF at offset 10 is reported before a limit
     * crossed at offset 20), so the outcome depends only on the bytes, never on how they were
     * split: the determinism the fuzz test checks. After a complete scan, every CR in the head is
     * followed by LF and every LF preceded by CR, so the parser need not look for stray ones.
     */

    private final boolean startLine;
    private final int maxStartLine;
    private final int maxFieldBytes;
    private final int maxFields;
    private final int startLineStatus;
    private final int fieldsStatus;

    private int scanned;
    private int lineStart;
    private int lines;
    private int fieldsStart;

    /**
     * @param startLine whether the section begins with a request or status line (false for trailers)
     * @param startLineStatus the status for a start line over {@code maxStartLine} (414, or 502 for a response)
     * @param fieldsStatus the status for field lines over their limits (431, or 502)
     */
    HeadScanner(boolean startLine, int maxStartLine, int maxFieldBytes, int maxFields,
                int startLineStatus, int fieldsStatus) {
        this.startLine = startLine;
        this.maxStartLine = maxStartLine;
        this.maxFieldBytes = maxFieldBytes;
        this.maxFields = maxFields;
        this.startLineStatus = startLineStatus;
        this.fieldsStatus = fieldsStatus;
    }

    void reset() {
        scanned = 0;
        lineStart = 0;
        lines = 0;
        fieldsStart = 0;
    }

    /** The field lines of the head the last complete scan found (the start line not counted). */
    int fieldCount() {
        return lines - (startLine ? 1 : 0);
    }

    /** Whether nothing of the current head has been scanned yet. */
    boolean atStart() {
        return scanned == 0;
    }

    /**
     * Scans on from where the last call stopped.
     *
     * @return the head's length including its final empty line, or 0 when more bytes are needed
     * @throws CodecException on a bare CR or LF, an empty start line, or a limit crossed
     */
    int scan(byte[] buf, int start, int end) throws CodecException {
        int avail = end - start;
        int i = scanned;
        while (i < avail) {
            boolean inStartLine = startLine && lines == 0;
            int limit = inStartLine ? lineStart + maxStartLine : fieldsStart + maxFieldBytes;
            int stop = Math.min(avail, limit + 1);
            i = Swar.findCrOrLf(buf, start + i, start + stop) - start;
            if (i == stop) {
                if (stop > limit) {
                    throw tooLong(inStartLine);
                }
                break;
            }
            if (buf[start + i] == '\n') {
                throw new CodecException(400, "bare LF line terminator (CRLF required)");
            }
            if (i + 1 >= avail) {
                break;
            }
            if (buf[start + i + 1] != '\n') {
                throw new CodecException(400, "bare CR in head");
            }
            if (i == lineStart) {
                if (inStartLine) {
                    throw new CodecException(400, "empty start line");
                }
                scanned = i + 2;
                return i + 2;
            }
            lines++;
            if (inStartLine) {
                fieldsStart = i + 2;
            } else if (lines - (startLine ? 1 : 0) > maxFields) {
                throw new CodecException(fieldsStatus, "more than " + maxFields + " header fields");
            } else if (i + 2 - fieldsStart > maxFieldBytes) {
                throw tooLong(false);
            }
            i += 2;
            lineStart = i;
        }
        scanned = i;
        return 0;
    }

    private CodecException tooLong(boolean inStartLine) {
        return inStartLine
                ? new CodecException(startLineStatus, "start line longer than " + maxStartLine + " bytes")
                : new CodecException(fieldsStatus, "header fields longer than " + maxFieldBytes + " bytes");
    }
}
