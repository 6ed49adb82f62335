package io.jasyncio.http.server;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What a {@link Response} carries: nothing, bytes in memory, a region of a file (sent with
 * {@code FileChannel.transferTo} where the transport allows), or a producer that streams.
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
}
