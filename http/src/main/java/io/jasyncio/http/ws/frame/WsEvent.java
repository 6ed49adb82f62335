package io.jasyncio.http.ws.frame;

import java.util.Objects;

/**
 * What a {@link WsDecoder} produces: a whole data message (reassembled from its fragments and
 * decompressed), a control frame, or the failure that ends the connection. Arrays belong to the
 * receiver.
 */
public sealed interface WsEvent {
    /** A complete text message, validated as UTF-8. */
    record Text(String text) implements WsEvent {
        /** @throws NullPointerException when {@code text} is null */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A complete binary message. */
    record Binary(byte[] data) implements WsEvent {
        /** @throws NullPointerException when {@code data} is null */
        public Binary {
            Objects.requireNonNull(data, "data");
        }
    }

    /** A ping; answer it with a pong carrying the same payload (at most 125 bytes). */
    record Ping(byte[] payload) implements WsEvent {
        /** @throws NullPointerException when {@code payload} is null */
        public Ping {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** A pong (solicited or not). */
    record Pong(byte[] payload) implements WsEvent {
        /** @throws NullPointerException when {@code payload} is null */
        public Pong {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * The peer's Close frame: its code ({@link CloseCodes#NO_STATUS} 1005 when the frame had
     * none) and reason (empty when none). The decoder produces nothing after it.
     */
    record Close(int code, String reason) implements WsEvent {
        /** @throws NullPointerException when {@code reason} is null */
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The peer broke the protocol: the connection must be failed, sending a Close frame with
     * {@code closeCode} (1002 protocol error, 1007 invalid UTF-8 or compressed data, 1009 too
     * big) when it can. Sticky: the decoder returns it from every later {@code next()} and
     * ignores later input.
     */
    record Failure(int closeCode, String reason) implements WsEvent {
        /** @throws NullPointerException when {@code reason} is null */
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
