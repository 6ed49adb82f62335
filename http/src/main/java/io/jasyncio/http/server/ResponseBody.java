package io.jasyncio.http.server;

import io.jasyncio.stream.Transport;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What a {@link Response} carries: nothing, bytes in memory, a region of a file (sent with
 * {@code FileChannel.transferTo} where the transport allows), a producer that streams, or a
 * switch to another protocol after a 101 (a WebSocket: see {@link WebSockets#accept}).
 */
public sealed interface ResponseBody {
    /** No body. */
    record Empty() implements ResponseBody {
    }

    /** @param data the body (read from position to limit; not modified) */
    record Bytes(ByteBuffer data) implements ResponseBody {
    }

    /**
     * @param path the file
     * @param offset the first byte sent
     * @param length how many bytes are sent
     */
    record FileRegion(Path path, long offset, long length) implements ResponseBody {
    }

    /**
     * @param producer writes the body after the head is sent
     * @param contentLength the declared length, or -1 for chunked transfer coding
     */
    record Streaming(StreamProducer producer, long contentLength) implements ResponseBody {
    }

    /**
     * Writes a streaming body; runs in the handler's task after the head is sent (not at all
     * for HEAD, 1xx, 204 and 304). A client that goes away cancels the task, so a producer
     * sees {@link io.jasyncio.CancelledError} at its next {@code drain} or suspension, or an
     * {@link java.io.IOException} from {@code write}.
     */
    @FunctionalInterface
    interface StreamProducer {
        /**
         * Writes the body to {@code out}; the server closes {@code out} after it returns.
         *
         * @throws Exception anything: the connection is then closed, as the head is already out
         */
        void writeTo(BodyWriter out) throws Exception;
    }

    /**
     * The connection leaves HTTP after the head: the response's status must be 101 (Switching
     * Protocols), and its {@code Upgrade} field names the new protocol (the server adds
     * {@code Connection: Upgrade}). After the head is written the server stops parsing HTTP on
     * the connection and runs {@code session} in the handler's task; the connection closes when
     * it returns. A response with any other status and this body is answered with 500.
     *
     * @param session runs the new protocol
     */
    record Upgrade(ProtocolSwitch session) implements ResponseBody {
        /** @throws NullPointerException if {@code session} is null */
        public Upgrade {
            java.util.Objects.requireNonNull(session, "session");
        }
    }

    /** Runs the protocol a connection switches to after a 101; see {@link Upgrade}. */
    @FunctionalInterface
    interface ProtocolSwitch {
        /**
         * Takes over the connection: set a {@link io.jasyncio.stream.Protocol} with
         * {@link Transport#setProtocol} before suspending (bytes that arrive meanwhile wait), then
         * speak the new protocol until done. Runs in the handler's task; a cancellation point
         * wherever it suspends. The server closes the transport when this returns or throws, and
         * counts the connection as open until the transport is gone.
         *
         * @param transport the connection; its events go to the protocol set on it
         * @param leftover the bytes the client sent after the request's head, which belong to
         *     the new protocol (possibly empty)
         * @throws Exception anything: it is logged and the connection is dropped
         */
        void run(Transport transport, ByteBuffer leftover) throws Exception;

        /**
         * The server is shutting down gracefully: a hint to end the session soon (a WebSocket
         * starts its close handshake with 1001). Called on the loop thread, outside the session's
         * task; must not suspend. Does nothing by default.
         */
        default void serverClosing() {
        }
    }
}
