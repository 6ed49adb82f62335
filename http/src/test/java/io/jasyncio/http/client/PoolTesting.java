package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import io.jasyncio.http.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Helpers for the pool's tests: requests, bodies, whole responses. */
final class PoolTesting {
    static final ServerConfig LOCAL = ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0);

    private PoolTesting() {
    }

    static OutgoingRequest get(String url) {
        return new OutgoingRequest(Method.GET, Url.parseTarget(url), new Headers(), null);
    }

    static OutgoingRequest request(Method method, String url, Payload body) {
        return new OutgoingRequest(method, Url.parseTarget(url), new Headers(), body);
    }

    /** The rest of the body as text (the exchange's connection goes back to the pool at its end). */
    static String text(Exchange e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b;
        while ((b = e.read()) != null) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Sends a GET with default timeouts and returns the body as text. */
    static String fetch(ConnectionPool pool, String url) throws IOException {
        return text(pool.send(get(url), ClientTimeouts.NONE, Long.MAX_VALUE));
    }

    /** A replayable body of fixed bytes (or, with {@code chunked}, of unknown length). */
    static Payload bytes(byte[] data, boolean chunked) {
        return new Payload() {
            @Override
            public long length() {
                return chunked ? -1 : data.length;
            }

            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public boolean replayable() {
                return true;
            }

            @Override
            public void writeTo(PayloadSink sink) throws IOException {
                int step = Math.max(1, data.length / 4);
                for (int i = 0; i < data.length; i += step) {
                    sink.write(ByteBuffer.wrap(data, i, Math.min(step, data.length - i)));
                }
            }
        };
    }
}
