package io.jasyncio.http.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Test helper: feeds bytes to a decoder whole, one byte at a time, or in random splits, and
 * renders the events as comparable strings (consecutive body pieces merged, since how a body is
 * cut into pieces depends on how it arrived).
 */
final class Decoding {
    /** The most events a decoder may produce per byte fed (plus a constant): a bound against loops. */
    static final int EVENTS_PER_BYTE = 4;

    private Decoding() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A decoder's feed/feedEof/next, so one driver serves both directions. */
    interface Sink {
        void feed(ByteBuffer b);

        void feedEof();

        HttpEvent next();
    }

    static Sink of(RequestDecoder d) {
        return new Sink() {
            public void feed(ByteBuffer b) { d.feed(b); }
            public void feedEof() { d.feedEof(); }
            public HttpEvent next() { return d.next(); }
        };
    }

    static Sink of(ResponseDecoder d) {
        return new Sink() {
            public void feed(ByteBuffer b) { d.feed(b); }
            public void feedEof() { d.feedEof(); }
            public HttpEvent next() { return d.next(); }
        };
    }

    /** Feeds {@code data} in pieces of the given sizes (the last piece takes the rest), then EOF if asked. */
    static List<String> run(Sink sink, byte[] data, int[] cuts, boolean eof) {
        List<String> out = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int p = 0;
        int budget = EVENTS_PER_BYTE * data.length + 16;
        for (int c = 0; p < data.length || c == 0; c++) {
            int n = c < cuts.length ? Math.min(cuts[c], data.length - p) : data.length - p;
            sink.feed(ByteBuffer.wrap(data, p, n));
            p += n;
            if (drain(sink, out, body, budget - out.size())) {
                break;
            }
        }
        if (eof) {
            sink.feedEof();
            drain(sink, out, body, budget - out.size());
        }
        flush(out, body);
        return out;
    }

    /** Returns true once a ProtocolError came out (it is sticky: stop there). */
    private static boolean drain(Sink sink, List<String> out, StringBuilder body, int budget) {
        for (int i = 0; ; i++) {
            if (i > budget) {
                throw new AssertionError("decoder produced more than " + budget + " events: a loop?");
            }
            HttpEvent e = sink.next();
            if (e == null) {
                return false;
            }
            if (e instanceof BodyData d) {
                ByteBuffer b = d.data();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                body.append(new String(bytes, StandardCharsets.ISO_8859_1));
                continue;
            }
            flush(out, body);
            out.add(render(e));
            if (e instanceof ProtocolError) {
                if (sink.next() != e) {
                    throw new AssertionError("ProtocolError is not sticky");
                }
                return true;
            }
        }
    }

    private static void flush(List<String> out, StringBuilder body) {
        if (!body.isEmpty()) {
            out.add("body " + body);
            body.setLength(0);
        }
    }

    /** Bytes as a Java-escaped string, for failure messages that reproduce an input. */
    static String render(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            int c = x & 0xFF;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"', '\\' -> sb.append('\\').append((char) c);
                default -> sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c));
            }
        }
        return sb.append('"').toString();
    }

    static String render(HttpEvent e) {
        return switch (e) {
            case RequestHead h -> "head " + h.method() + " " + h.target() + " " + h.version() + " " + h.headers()
                    + " len=" + h.contentLength() + " keepAlive=" + h.keepAlive() + " continue=" + h.expectContinue();
            case ResponseHead h -> "head " + h.status() + " " + h.reason() + " " + h.version() + " " + h.headers()
                    + " len=" + h.contentLength() + " keepAlive=" + h.keepAlive();
            case EndOfMessage m -> "end " + m.trailers();
            case ProtocolError p -> "error " + p.status();
            case BodyData d -> "body";
        };
    }

    static List<String> whole(Supplier<Sink> sink, byte[] data, boolean eof) {
        return run(sink.get(), data, new int[] {data.length}, eof);
    }

    static List<String> byteAtATime(Supplier<Sink> sink, byte[] data, boolean eof) {
        int[] ones = new int[data.length];
        java.util.Arrays.fill(ones, 1);
        return run(sink.get(), data, ones, eof);
    }

    static List<String> randomSplits(Supplier<Sink> sink, byte[] data, boolean eof, long seed) {
        Random r = new Random(seed);
        int[] cuts = new int[data.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = r.nextInt(r.nextBoolean() ? 3 : 64);
        }
        return run(sink.get(), data, cuts, eof);
    }
}
