/**
 * jasyncio's HTTP/1.1: shared types ({@code io.jasyncio.http}), the sans-IO wire codec
 * ({@code io.jasyncio.http.codec}), the server ({@code io.jasyncio.http.server}), the client
 * session ({@code io.jasyncio.http.client}) and WebSocket on both sides ({@code io.jasyncio.http.ws},
 * its sans-IO frame codec in {@code io.jasyncio.http.ws.frame}).
 * Depends on jasyncio's core only; Jackson is optional (used by {@code JacksonJsonCodec} when the
 * application has it).
 */
module io.jasyncio.http {
    requires transitive io.jasyncio;
    requires static com.fasterxml.jackson.databind;
    requires java.logging;

    exports io.jasyncio.http;
    exports io.jasyncio.http.codec;
    exports io.jasyncio.http.server;
    exports io.jasyncio.http.client;
    exports io.jasyncio.http.ws;
    exports io.jasyncio.http.ws.frame;
}
