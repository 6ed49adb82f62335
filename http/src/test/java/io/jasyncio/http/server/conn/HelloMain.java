package io.jasyncio.http.server.conn;

import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;

/**
 * The {@code http-hello} server for the manual wrk check (wrk-check.sh): GET / answers
 * "Hello, World!". Args: port (default 8080). Runs until Ctrl-C.
 */
public final class HelloMain {
    private HelloMain() {
    }

    /** Serves until Ctrl-C. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer.runApp(req -> Response.text("Hello, World!"), ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(port));
    }
}
