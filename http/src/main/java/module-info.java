/**
 * jasyncio's HTTP/1.1: shared types ({@code io.jasyncio.http}), the sans-IO wire codec
 * ({@code io.jasyncio.http.codec}) and the server ({@code io.jasyncio.http.server}).
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
}
