package io.jasyncio.http.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} request body (RFC 7578): text fields and files, each part
 * written in turn, so a file part streams from disk like {@link Payload#file}. Its length is known
 * (and sent as {@code Content-Length}) when every part's is; it is replayable when every part is.
 * Build one with {@link Payload#multipart()}.
 *
 * {@snippet :
 * Payload form = Payload.multipart()
 *         .field("title", "holiday")
 *         .file("photo", Path.of("beach.jpg"), "image/jpeg")
 *         .build();
 * }
 *
 * <p>Names and file names are sent as UTF-8 with {@code "}, CR and LF escaped as
 * {@code %22 %0D %0A}, as browsers do (HTML's form submission algorithm); aiohttp's
 * {@code FormData} does the same.
 */
public final class MultipartBody implements Payload {
    private static final SecureRandom BOUNDARIES = new SecureRandom();

    private final String boundary;
    private final List<Part> parts;
    private final long length;

    private record Part(byte[] head, Payload content) {
    }

    private MultipartBody(String boundary, List<Part> parts) {
        this.boundary = boundary;
        this.parts = List.copyOf(parts);
        long n = 0;
        for (Part p : parts) {
            long len = p.content.length();
            if (len < 0) {
                n = -1;
                break;
            }
            n += p.head.length + len + 2;
        }
        this.length = n < 0 ? -1 : n + closing().length;
    }

    /** A builder with a fresh random boundary. */
    static Builder builder() {
        return new Builder();
    }

    /** The boundary between parts. */
    public String boundary() {
        return boundary;
    }

    /** The number of parts. */
    public int size() {
        return parts.size();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    @Override
    public boolean replayable() {
        for (Part p : parts) {
            if (!p.content.replayable()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeTo(PayloadSink sink) throws IOException {
        for (Part p : parts) {
            sink.write(ByteBuffer.wrap(p.head));
            p.content.writeTo(sink);
            sink.write(ByteBuffer.wrap(new byte[] {'\r', '\n'}));
        }
        sink.write(ByteBuffer.wrap(closing()));
    }

    private byte[] closing() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "Payload.multipart(" + parts.size() + " parts, " + (length < 0 ? "chunked" : length + " bytes") + ")";
    }

    /** Collects the parts of a {@link MultipartBody}; not thread-safe, build once. */
    public static final class Builder {
        private String boundary = HexFormat.of().formatHex(randomBytes());
        private final List<Pending> parts = new ArrayList<>();

        private record Pending(String name, String fileName, String contentType, Payload content) {
        }

        private Builder() {
        }

        private static byte[] randomBytes() {
            byte[] b = new byte[16];
            BOUNDARIES.nextBytes(b);
            return b;
        }

        /**
         * Uses {@code boundary} instead of a random one (for reproducible bytes in tests).
         *
         * @throws IllegalArgumentException if it is empty, longer than 70 characters or holds
         *     characters RFC 2046 §5.1.1 does not allow
         */
        public Builder boundary(String boundary) {
            if (boundary.isEmpty() || boundary.length() > 70 || !boundary.matches("[0-9A-Za-z'()+_,\\-./:=?]+")) {
                throw new IllegalArgumentException("not a valid multipart boundary: " + boundary);
            }
            this.boundary = boundary;
            return this;
        }

        /** A text field: {@code name=value}, UTF-8, with no {@code Content-Type} (text/plain by RFC 7578's default). */
        public Builder field(String name, String value) {
            parts.add(new Pending(Objects.requireNonNull(name, "name"), null, null,
                    new BytesBody(value.getBytes(StandardCharsets.UTF_8), null)));
            return this;
        }

        /**
         * A file part from disk, named by the file's name, as {@code application/octet-stream}.
         *
         * @throws IOException if the file cannot be read now
         */
        public Builder file(String name, Path path) throws IOException {
            return file(name, path, "application/octet-stream");
        }

        /**
         * A file part from disk with a {@code Content-Type}.
         *
         * @throws IOException if the file cannot be read now
         */
        public Builder file(String name, Path path, String contentType) throws IOException {
            return part(name, path.getFileName().toString(), Payload.file(path, contentType));
        }

        /**
         * A part with any content: {@code fileName} may be null (a plain field); the part's
         * {@code Content-Type} is the content's.
         */
        public Builder part(String name, String fileName, Payload content) {
            parts.add(new Pending(Objects.requireNonNull(name, "name"), fileName, content.contentType(), content));
            return this;
        }

        /**
         * The body.
         *
         * @throws IllegalStateException if no part was added
         */
        public MultipartBody build() {
            if (parts.isEmpty()) {
                throw new IllegalStateException("a multipart body needs at least one part");
            }
            List<Part> built = new ArrayList<>();
            for (Pending p : parts) {
                StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(escape(p.name)).append('"');
                if (p.fileName != null) {
                    head.append("; filename=\"").append(escape(p.fileName)).append('"');
                }
                head.append("\r\n");
                if (p.contentType != null) {
                    head.append("Content-Type: ").append(p.contentType).append("\r\n");
                }
                head.append("\r\n");
                built.add(new Part(head.toString().getBytes(StandardCharsets.UTF_8), p.content));
            }
            return new MultipartBody(boundary, built);
        }

        private static String escape(String s) {
            return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }
    }
}
