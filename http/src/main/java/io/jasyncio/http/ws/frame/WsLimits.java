package io.jasyncio.http.ws.frame;

/**
 * The size limits a {@link WsDecoder} enforces; going over either fails the connection with
 * {@link CloseCodes#TOO_BIG} (1009).
 *
 * @param maxMessageSize the largest message, in bytes after reassembly and decompression (what a
 *     receiver holds in memory); checked as frames arrive, so a message is refused as soon as its
 *     announced or decompressed size passes the limit, not after it was buffered whole
 * @param maxFrameSize the largest payload length a frame header may announce (compressed size
 *     for a compressed message)
 */
public record WsLimits(int maxMessageSize, int maxFrameSize) {
    /** 4 MiB for both: aiohttp's {@code max_msg_size} default. */
    public static final WsLimits DEFAULTS = new WsLimits(4 << 20, 4 << 20);

    /** @throws IllegalArgumentException when a limit is negative */
    public WsLimits {
        if (maxMessageSize < 0 || maxFrameSize < 0) {
            throw new IllegalArgumentException("negative WebSocket limit: message " + maxMessageSize + ", frame " + maxFrameSize);
        }
    }

    /** These limits with another {@code maxMessageSize}. */
    public WsLimits withMaxMessageSize(int maxMessageSize) {
        return new WsLimits(maxMessageSize, maxFrameSize);
    }

    /** These limits with another {@code maxFrameSize}. */
    public WsLimits withMaxFrameSize(int maxFrameSize) {
        return new WsLimits(maxMessageSize, maxFrameSize);
    }
}
