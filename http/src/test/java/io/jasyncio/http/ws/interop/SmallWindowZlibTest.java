package io.jasyncio.http.ws.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.http.ws.frame.PerMessageDeflate;
import io.jasyncio.http.ws.frame.PerMessageDeflate.Params;
import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate with a window below 32 KiB: {@code Deflater} cannot use a small window, so the
 * encoder emulates one (ADR 7). zlib, inflating with exactly the agreed window and in small output
 * steps (so it must rely on its window, not on the output buffer), is the judge: our messages
 * inflate, and a control stream compressed with the full window fails there.
 */
class SmallWindowZlibTest {
    /** Per stdin line "bits hex": "ok <length>" or "fail <error>"; raw inflate at -bits, 16 bytes of output per call. */
    private static final String INFLATE = """
            import sys, zlib
            for line in sys.stdin:
                bits, data = line.split()
                d = zlib.decompressobj(-int(bits))
                buf, out = bytes.fromhex(data), bytearray()
                try:
                    while buf:
                        out += d.decompress(buf, 16)
                        buf = d.unconsumed_tail
                    print("ok", len(out), flush=True)
                except zlib.error as e:
                    print("fail", str(e).replace(" ", "_"), flush=True)
            """;

    @Test
    void messagesCompressedForASmallWindowInflateWithThatWindowOnly() throws Exception {
        PythonPeer.assumeModule("zlib");
        // 8 KiB of noise sent twice: the repeat is 8 KiB back, beyond every window up to 2^12.
        byte[] noise = new byte[8192];
        new SplittableRandom(7).nextBytes(noise);
        byte[] message = new byte[noise.length * 2];
        System.arraycopy(noise, 0, message, 0, noise.length);
        System.arraycopy(noise, 0, message, noise.length, noise.length);

        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int bits = 9; bits <= 15; bits++) {
            PerMessageDeflate deflate = new PerMessageDeflate(Role.SERVER, new Params(false, false, bits, 15));
            try {
                WsEncoder encoder = new WsEncoder(Role.SERVER, deflate, new SplittableRandom(bits));
                lines.add(bits + " " + HexFormat.of().formatHex(deflatedPayload(encoder.binary(ByteBuffer.wrap(message)))));
                expected.add("ok " + message.length);
            } finally {
                deflate.close();
            }
        }
        for (int bits = 9; bits <= 12; bits++) {
            lines.add(bits + " " + HexFormat.of().formatHex(fullWindowDeflate(message)));
            expected.add("fail Error_-3_while_decompressing_data:_invalid_distance_too_far_back");
        }
        assertEquals(expected, inflateWithPython(lines));
    }

    /** The payload of one unmasked, unfragmented, RSV1 frame, with the 0x00 0x00 0xff 0xff tail RFC 7692 strips put back. */
    private static byte[] deflatedPayload(ByteBuffer frame) {
        int b0 = frame.get() & 0xff;
        assertEquals(0xC2, b0, "FIN + RSV1 + binary");
        int len = frame.get() & 0x7f;
        long length = len == 126 ? frame.getShort() & 0xffff : len == 127 ? frame.getLong() : len;
        byte[] payload = new byte[(int) length + 4];
        frame.get(payload, 0, (int) length);
        payload[(int) length + 2] = (byte) 0xff;
        payload[(int) length + 3] = (byte) 0xff;
        return payload;
    }

    private static byte[] fullWindowDeflate(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = d.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static List<String> inflateWithPython(List<String> lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PythonPeer.PYTHON, "-c", INFLATE).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "python exited");
            return out.lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }
}
