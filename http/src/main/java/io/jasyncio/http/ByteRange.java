package io.jasyncio.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One satisfiable byte range {@code first..last} (both inclusive) of a representation, and the
 * parser of the {@code Range: bytes=} request header (RFC 9110 §14.1-14.2).
 *
 * <p>{@link #parse} gives one of three outcomes, which map to the three answers a server has:
 * {@link Ignored} (serve the whole representation with 200: the header is absent, malformed, uses
 * another unit, or asks for more than {@code maxRanges} ranges, which §14.2 lets a server ignore),
 * {@link Unsatisfiable} (416 with {@code Content-Range: bytes *}{@code /length}) and
 * {@link Satisfiable} (206 with the ranges, clamped to the length, in the order asked; ranges
 * that start past the end are dropped). aiohttp's {@code request.http_range} reads only a single
 * range and raises on several; this reads all and leaves {@link Satisfiable#coalesced()} to
 * merge overlaps.
 *
 * @param first the first byte's offset
 * @param last the last byte's offset, {@code >= first}
 */
public record ByteRange(long first, long last) {
    /** The most ranges {@link #parse(String, long)} accepts before it ignores the header. */
    public static final int DEFAULT_MAX_RANGES = 16;

    /**
     * A range.
     *
     * @throws IllegalArgumentException if {@code first < 0} or {@code last < first}
     */
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    /** How many bytes the range covers. */
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for this range of a {@code total}-byte representation: {@code bytes 0-99/1000}. */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** The {@code Content-Range} value of a 416 answer: {@code bytes *}{@code /1000}. */
    public static String unsatisfiedContentRange(long total) {
        return "bytes */" + total;
    }

    /** What a {@code Range} header asks of a representation of known length. */
    public sealed interface Result permits Ignored, Unsatisfiable, Satisfiable {
    }

    /** The header does not apply: answer with the whole representation. */
    public record Ignored() implements Result {
    }

    /** No range overlaps the representation: answer 416. */
    public record Unsatisfiable() implements Result {
    }

    /**
     * At least one range overlaps the representation.
     *
     * @param ranges the satisfiable ranges, clamped, in the order asked (never empty)
     */
    public record Satisfiable(List<ByteRange> ranges) implements Result {
        /** Copies {@code ranges}. */
        public Satisfiable {
            ranges = List.copyOf(ranges);
        }

        /** The ranges sorted by start, overlapping and adjacent ones merged. */
        public List<ByteRange> coalesced() {
            List<ByteRange> sorted = new ArrayList<>(ranges);
            sorted.sort(Comparator.comparingLong(ByteRange::first));
            List<ByteRange> out = new ArrayList<>();
            ByteRange cur = sorted.get(0);
            for (int i = 1; i < sorted.size(); i++) {
                ByteRange r = sorted.get(i);
                if (r.first <= cur.last + 1) {
                    cur = new ByteRange(cur.first, Math.max(cur.last, r.last));
                } else {
                    out.add(cur);
                    cur = r;
                }
            }
            out.add(cur);
            return List.copyOf(out);
        }
    }

    /** {@link #parse(String, long, int)} with {@link #DEFAULT_MAX_RANGES}. */
    public static Result parse(String header, long length) {
        return parse(header, length, DEFAULT_MAX_RANGES);
    }

    /**
     * Reads a {@code Range} header against a representation of {@code length} bytes.
     *
     * @param header the field value, or null when absent (gives {@link Ignored})
     * @throws IllegalArgumentException if {@code length < 0}
     */
    public static Result parse(String header, long length, int maxRanges) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (header == null) {
            return new Ignored();
        }
        int i = HeaderParams.skipOws(header, 0);
        if (!header.regionMatches(true, i, "bytes", 0, 5)) {
            return new Ignored();
        }
        i = HeaderParams.skipOws(header, i + 5);
        if (i == header.length() || header.charAt(i) != '=') {
            return new Ignored();
        }
        i++;
        List<ByteRange> out = new ArrayList<>();
        int specs = 0;
        int n = header.length();
        while (true) {
            i = HeaderParams.skipOws(header, i);
            if (i < n && header.charAt(i) == ',') {
                i++;
                continue; // RFC 9110 §5.6.1: empty list elements are ignored
            }
            if (i == n) {
                break;
            }
            if (++specs > maxRanges) {
                return new Ignored();
            }
            long first = -1;
            while (i < n && header.charAt(i) >= '0' && header.charAt(i) <= '9') {
                first = saturatedDigit(first < 0 ? 0 : first, header.charAt(i++));
            }
            if (i == n || header.charAt(i) != '-') {
                return new Ignored();
            }
            i++;
            long last = -1;
            while (i < n && header.charAt(i) >= '0' && header.charAt(i) <= '9') {
                last = saturatedDigit(last < 0 ? 0 : last, header.charAt(i++));
            }
            if (first < 0 && last < 0) {
                return new Ignored(); // "-" alone
            }
            int after = HeaderParams.skipOws(header, i);
            if (after < n && header.charAt(after) != ',') {
                return new Ignored();
            }
            i = after;
            if (first < 0) { // suffix-range: the last `last` bytes
                if (last > 0 && length > 0) {
                    out.add(new ByteRange(Math.max(0, length - last), length - 1));
                }
            } else {
                if (last >= 0 && last < first) {
                    return new Ignored(); // invalid int-range: the whole header is invalid
                }
                if (first < length) {
                    out.add(new ByteRange(first, last < 0 ? length - 1 : Math.min(last, length - 1)));
                }
            }
        }
        if (specs == 0) {
            return new Ignored();
        }
        return out.isEmpty() ? new Unsatisfiable() : new Satisfiable(out);
    }

    private static long saturatedDigit(long v, char c) {
        int d = c - '0';
        return v > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : v * 10 + d;
    }
}
