package io.jasyncio.http.server.app;

import io.jasyncio.http.server.BodyWriter;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link BodyWriter} that keeps what is written and logs writes and drains in order. */
final class RecordingBodyWriter implements BodyWriter {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> calls = new ArrayList<>();
    boolean closed;

    /** Runs a streaming response's producer into a new recorder. */
    static RecordingBodyWriter drive(Response response) throws Exception {
        RecordingBodyWriter w = new RecordingBodyWriter();
        ((ResponseBody.Streaming) response.body()).producer().writeTo(w);
        w.close();
        return w;
    }

    @Override
    public void write(ByteBuffer data) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        byte[] b = new byte[data.remaining()];
        data.get(b);
        bytes.writeBytes(b);
        calls.add("write");
    }

    @Override
    public void drain() {
        calls.add("drain");
    }

    @Override
    public void close() {
        closed = true;
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
