package io.jasyncio.http.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/** A body held in memory: bytes, text, a form, encoded JSON. Replayable. */
final class BytesBody implements Payload {
    private final byte[] data;
    private final String contentType;

    BytesBody(byte[] data, String contentType) {
        this.data = Objects.requireNonNull(data, "data");
        this.contentType = contentType;
    }

    byte[] data() {
        return data;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public void writeTo(PayloadSink sink) throws IOException {
        if (data.length > 0) {
            sink.write(ByteBuffer.wrap(data));
        }
    }

    @Override
    public String toString() {
        return "Payload.bytes(" + data.length + " bytes, " + contentType + ")";
    }
}
