package io.jasyncio.http;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link MultipartParser#next()} returns: for each part a {@link PartStart}, any number
 * of {@link PartData} and a {@link PartEnd}; after the last part one {@link End}.
 */
public sealed interface MultipartEvent permits MultipartEvent.PartStart, MultipartEvent.PartData,
        MultipartEvent.PartEnd, MultipartEvent.End {

    /**
     * A part begins; its header fields have been read.
     *
     * @param headers the part's header fields (Content-Disposition, Content-Type, ...)
     * @param disposition the Content-Disposition type in lower case ({@code form-data}), or null if absent
     * @param dispositionParams its parameters, names in lower case, values unquoted
     */
    record PartStart(Headers headers, String disposition, Map<String, String> dispositionParams)
            implements MultipartEvent {
        /** Copies the parameter map. */
        public PartStart {
            dispositionParams = Map.copyOf(dispositionParams);
        }

        /** The form field's name (Content-Disposition's {@code name}), or null. */
        public String name() {
            return dispositionParams.get("name");
        }

        /**
         * The file name the client gave (RFC 5987's {@code filename*} when present and UTF-8,
         * else {@code filename}), or null for a plain field. It is whatever the client sent:
         * never use it as a path without cleaning it.
         */
        public String filename() {
            String ext = dispositionParams.get("filename*");
            if (ext != null) {
                int q = ext.indexOf('\'');
                int q2 = q < 0 ? -1 : ext.indexOf('\'', q + 1);
                if (q2 > 0 && ext.substring(0, q).equalsIgnoreCase("utf-8")) {
                    return Percent.decode(ext, q2 + 1, ext.length(), false, java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return dispositionParams.get("filename");
        }

        /**
         * The part's Content-Type field, or null when absent (RFC 7578 §4.4: then it is
         * {@code text/plain}).
         */
        public String contentType() {
            return headers.get("Content-Type");
        }

        /** Whether the part is a file upload (it has a file name). */
        public boolean isFile() {
            return filename() != null;
        }

        @Override
        public String toString() {
            return "PartStart[" + (disposition == null ? "" : disposition.toLowerCase(Locale.ROOT)) + " " + dispositionParams
                    + ", " + headers + "]";
        }
    }

    /**
     * A piece of the current part's body, in order; pieces split wherever the input was split.
     *
     * @param data the bytes, a read-only buffer the parser no longer touches
     */
    record PartData(ByteBuffer data) implements MultipartEvent {
    }

    /** The current part's body is complete. */
    record PartEnd() implements MultipartEvent {
    }

    /** The closing boundary was read; anything after it (the epilogue) is ignored. */
    record End() implements MultipartEvent {
    }
}
