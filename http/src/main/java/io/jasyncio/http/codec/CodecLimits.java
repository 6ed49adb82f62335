package io.jasyncio.http.codec;

/**
 * The size limits a decoder enforces on what a peer sends, each with the status a server answers
 * when it is exceeded. Body size is not limited here: a buffered read's 413 is the server's
 * business ({@code Request.maxBody}), and a streaming handler may take any size.
 *
 * @param maxRequestLine the longest request line (or status line) in bytes, without its CRLF;
 *     longer gets 414 (a status line: 502)
 * @param maxHeaderBytes the most bytes of header field lines after the request line, CRLFs
 *     included; more gets 431
 * @param maxHeaderCount the most header field lines; more gets 431
 * @param maxChunkExtension the most bytes of chunk extensions ({@code ;name=value}) on one
 *     chunk-size line; more gets 400
 * @param maxTrailerBytes the most bytes of trailer field lines after the last chunk, CRLFs
 *     included; more gets 431
 */
public record CodecLimits(int maxRequestLine, int maxHeaderBytes, int maxHeaderCount,
                          int maxChunkExtension, int maxTrailerBytes) {
    /** 8 KiB request line, 16 KiB and 100 header fields, 1 KiB of chunk extensions, 8 KiB of trailers. */
    public static final CodecLimits DEFAULTS = new CodecLimits(8 * 1024, 16 * 1024, 100, 1024, 8 * 1024);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is below 1 (the request line below 16)
     */
    public CodecLimits {
        if (maxRequestLine < 16) {
            throw new IllegalArgumentException("maxRequestLine must be >= 16, got " + maxRequestLine);
        }
        if (maxHeaderBytes < 1 || maxHeaderCount < 1 || maxChunkExtension < 1 || maxTrailerBytes < 1) {
            throw new IllegalArgumentException("limits must be >= 1: " + this);
        }
    }

    /** A copy with {@code maxRequestLine} replaced. */
    public CodecLimits withMaxRequestLine(int maxRequestLine) {
        return new CodecLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxChunkExtension, maxTrailerBytes);
    }

    /** A copy with {@code maxHeaderBytes} replaced. */
    public CodecLimits withMaxHeaderBytes(int maxHeaderBytes) {
        return new CodecLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxChunkExtension, maxTrailerBytes);
    }

    /** A copy with {@code maxHeaderCount} replaced. */
    public CodecLimits withMaxHeaderCount(int maxHeaderCount) {
        return new CodecLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxChunkExtension, maxTrailerBytes);
    }

    /** A copy with {@code maxChunkExtension} replaced. */
    public CodecLimits withMaxChunkExtension(int maxChunkExtension) {
        return new CodecLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxChunkExtension, maxTrailerBytes);
    }

    /** A copy with {@code maxTrailerBytes} replaced. */
    public CodecLimits withMaxTrailerBytes(int maxTrailerBytes) {
        return new CodecLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxChunkExtension, maxTrailerBytes);
    }
}
