package io.jasyncio.http.ws.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: hand-built frames (any bits, any length encoding) and a decoder driver. */
final class RawFrames {
    static final int KEY = 0x37FA213D; // RFC 6455 §5.7's example key

    private RawFrames() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A frame with the given first byte, mask bit and payload, length in its minimal form. */
    static byte[] frame(int b0, boolean masked, byte[] payload) {
        int lenForm = payload.length <= 125 ? 0 : payload.length <= 0xFFFF ? 126 : 127;
        return frame(b0, masked, payload, lenForm);
    }

    /** A frame whose length is written in {@code lenForm}: 0 = 7-bit, 126 = 16-bit, 127 = 64-bit. */
    static byte[] frame(int b0, boolean masked, byte[] payload, int lenForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int m = masked ? 0x80 : 0;
        if (lenForm == 0) {
            out.write(m | payload.length);
        } else if (lenForm == 126) {
            out.write(m | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] p = payload.clone();
        if (masked) {
            out.write(KEY >>> 24);
            out.write(KEY >>> 16);
            out.write(KEY >>> 8);
            out.write(KEY);
            for (int i = 0; i < p.length; i++) {
                p[i] ^= (byte) (KEY >>> (24 - 8 * (i & 3)));
            }
        }
        out.writeBytes(p);
        return out.toByteArray();
    }

    /** A frame as a client sends it (masked). */
    static byte[] client(int b0, byte[] payload) {
        return frame(b0, true, payload);
    }

    /** A frame as a server sends it (unmasked). */
    static byte[] server(int b0, byte[] payload) {
        return frame(b0, false, payload);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Feeds {@code data} whole and drains, stopping after a Failure. */
    static List<String> decode(WsDecoder d, byte[] data) {
        return decode(d, data, new int[0]);
    }

    /** Feeds {@code data} in pieces of the given sizes (the last piece takes the rest) and renders the events. */
    static List<String> decode(WsDecoder d, byte[] data, int[] cuts) {
        List<String> out = new ArrayList<>();
        int p = 0;
        int budget = data.length + 16;
        for (int c = 0; p < data.length || c == 0; c++) {
            int n = c < cuts.length ? Math.min(cuts[c], data.length - p) : data.length - p;
            d.feed(ByteBuffer.wrap(data, p, n));
            p += n;
            for (WsEvent e; (e = d.next()) != null; ) {
                if (out.size() > budget) {
                    throw new AssertionError("more events than bytes: a loop?");
                }
                out.add(render(e));
                if (e instanceof WsEvent.Failure) {
                    return out;
                }
            }
        }
        return out;
    }

    /** Random cuts (1 to 7 bytes, sometimes 0) covering {@code length}. */
    static int[] randomCuts(Random r, int length) {
        List<Integer> cuts = new ArrayList<>();
        for (int total = 0; total < length; ) {
            int n = r.nextInt(8);
            cuts.add(n);
            total += n;
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] ones(int length) {
        int[] c = new int[length];
        java.util.Arrays.fill(c, 1);
        return c;
    }

    /** An event as a comparable string; a failure keeps only its code (reasons may name the position). */
    static String render(WsEvent e) {
        return switch (e) {
            case WsEvent.Text t -> "text:" + t.text();
            case WsEvent.Binary b -> "binary:" + java.util.HexFormat.of().formatHex(b.data());
            case WsEvent.Ping p -> "ping:" + java.util.HexFormat.of().formatHex(p.payload());
            case WsEvent.Pong p -> "pong:" + java.util.HexFormat.of().formatHex(p.payload());
            case WsEvent.Close c -> "close:" + c.code() + ":" + c.reason();
            case WsEvent.Failure f -> "fail:" + f.closeCode();
        };
    }
}
