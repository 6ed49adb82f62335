package io.jasyncio.http.server;

import java.lang.System.Logger.Level;

/**
 * The access log: one INFO line per request on the {@code io.jasyncio.http.access} logger, in
 * the shape of aiohttp's default ({@code %a "%r" %s %b %Tf}). Only when the server's config
 * asks for it, and formatted only when the logger would print it.
 */
final class AccessLog {
    private AccessLog() {
    }

    static void log(HttpExchange x, int status, long bytes, long startNanos) {
        if (!HttpExchange.ACCESS.isLoggable(Level.INFO)) {
            return;
        }
        long micros = (System.nanoTime() - startNanos) / 1000;
        String remote = x.conn.remote == null ? "-" : x.conn.remote.getAddress().getHostAddress();
        HttpExchange.ACCESS.log(Level.INFO, remote + " \"" + x.head.method() + " " + x.head.target() + " "
                + x.head.version() + "\" " + status + " " + bytes + " " + micros / 1000 + "." + String.format("%03d", micros % 1000) + "ms");
    }
}
