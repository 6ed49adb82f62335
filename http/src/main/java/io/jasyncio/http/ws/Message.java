package io.jasyncio.http.ws;

import java.nio.charset.StandardCharsets;

/**
 * A complete WebSocket data message, reassembled from its fragments: text or binary. Control
 * frames (ping, pong, close) are handled by the {@code WebSocket} and never surface as messages,
 * unlike aiohttp's {@code WSMessage}, whose type may also be PING, CLOSE or ERROR.
 */
public sealed interface Message {
    /** A text message (valid UTF-8 on the wire). */
    record Text(String text) implements Message {
        /** @throws NullPointerException when {@code text} is null */
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }

        @Override
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A binary message; the array belongs to the receiver. */
    record Binary(byte[] data) implements Message {
        /** @throws NullPointerException when {@code data} is null */
        public Binary {
            java.util.Objects.requireNonNull(data, "data");
        }

        @Override
        public byte[] bytes() {
            return data;
        }
    }

    /** The payload as bytes: a text message encoded as UTF-8, a binary one as it is. */
    byte[] bytes();
}
