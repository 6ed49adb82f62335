package io.jasyncio.http.client;

import io.jasyncio.http.ContentType;
import io.jasyncio.http.JsonCodec;
import java.io.IOException;

/**
 * A value to send as JSON, encoded when the session prepares the request so that the session's
 * codec applies ({@link #encode}); written directly it uses {@link JsonCodec#defaultCodec()}.
 */
final class JsonBody implements Payload {
    private final Object value;
    private final JsonCodec codec;
    private BytesBody encoded;

    JsonBody(Object value, JsonCodec codec) {
        this.value = value;
        this.codec = codec;
    }

    /** The encoded body: with this body's codec when it has one, else with {@code sessionCodec}. */
    BytesBody encode(JsonCodec sessionCodec) {
        BytesBody e = encoded;
        if (e == null) {
            JsonCodec c = codec != null ? codec : sessionCodec != null ? sessionCodec : JsonCodec.defaultCodec();
            e = encoded = new BytesBody(c.encode(value), ContentType.APPLICATION_JSON.toString());
        }
        return e;
    }

    @Override
    public long length() {
        return encode(null).length();
    }

    @Override
    public String contentType() {
        return ContentType.APPLICATION_JSON.toString();
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public void writeTo(PayloadSink sink) throws IOException {
        encode(null).writeTo(sink);
    }
}
