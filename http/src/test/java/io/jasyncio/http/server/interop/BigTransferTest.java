package io.jasyncio.http.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 1 GiB upload and a 1 GiB download through a server in a child JVM limited to 64 MiB of heap
 * (issue 9): the server streams both ways (it reads the upload as it comes, and writes the
 * download with drain), so its heap never holds more than a few buffers. Both sides checksum
 * every byte (CRC32C); the client is a plain blocking socket in this JVM.
 */
class BigTransferTest {
    static final long GIB = 1L << 30;
    /** Socket read timeout: a stalled transfer fails instead of hanging the suite. */
    static final int READ_TIMEOUT_MS = 60_000;

    @Test
    @Timeout(300)
    void oneGibibyteUpAndDownThroughA64MibHeap() throws Exception {
        try (ChildServer child = ChildServer.start(List.of("-Xmx64m", "-XX:+UseSerialGC"))) {
            long sent;
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), child.port)) {
                s.setSoTimeout(READ_TIMEOUT_MS);
                OutputStream out = s.getOutputStream();
                out.write(("POST /crc HTTP/1.1\r\nHost: big\r\nContent-Length: " + GIB + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                CRC32C crc = new CRC32C();
                ByteBuffer buf = ByteBuffer.allocate(1 << 18);
                for (long off = 0; off < GIB; off += buf.capacity()) {
                    buf.clear();
                    Pattern.fill(off, buf);
                    crc.update(buf.array(), 0, buf.capacity());
                    out.write(buf.array(), 0, buf.capacity());
                }
                out.flush();
                sent = crc.getValue();
                InputStream in = s.getInputStream();
                Head head = Head.read(in);
                assertEquals(200, head.status);
                String body = new String(in.readNBytes((int) head.contentLength), StandardCharsets.US_ASCII);
                assertEquals(GIB + " " + Long.toHexString(sent) + " " + GIB, body, "server's count and checksum of the upload");

                // The download, on the same keep-alive connection.
                out.write("GET /bytes?n=1073741824 HTTP/1.1\r\nHost: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                head = Head.read(in);
                assertEquals(200, head.status);
                assertEquals(GIB, head.contentLength);
                CRC32C got = new CRC32C();
                byte[] chunk = new byte[1 << 18];
                long received = 0;
                while (received < GIB) {
                    int n = in.read(chunk, 0, (int) Math.min(chunk.length, GIB - received));
                    if (n < 0) {
                        break;
                    }
                    got.update(chunk, 0, n);
                    received += n;
                }
                assertEquals(GIB, received, "bytes downloaded");
                assertEquals(sent, got.getValue(), "checksum of the download (the same pattern as the upload)");
            }
            assertTrue(child.isAlive(), "the 64 MiB server survived both transfers");
            assertEquals(0, child.stop());
        }
    }

    /** A response head, parsed just enough. */
    record Head(int status, long contentLength) {
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside a response head: " + head);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            long length = -1;
            for (String l : lines) {
                if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(l.substring(15).trim());
                }
            }
            return new Head(Integer.parseInt(lines[0].substring(9, 12)), length);
        }
    }
}
