package io.jasyncio.http.server.interop;

import io.jasyncio.Asyncio;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.ServerConfig;

import java.io.IOException;

/**
 * The interop server in a process of its own, for tests that need the server in a small heap
 * (BigTransferTest runs it with {@code -Xmx64m}) or its file descriptors apart from the
 * client's (ManyConnectionsTest). Prints {@code PORT <n>} once it listens; exits when its stdin
 * closes, so a parent that dies takes it along. Args: backlog (default 1024).
 */
public final class InteropServerMain {
    private InteropServerMain() {
    }

    /** Serves {@link InteropApp} on 127.0.0.1 at a free port until stdin closes. */
    public static void main(String[] args) {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; EOF means it is done (or gone)
                }
            } catch (IOException e) {
                // same as EOF
            }
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Asyncio.run(() -> {
            HttpServer server = HttpServer.start(new InteropApp(),
                    ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0).withBacklog(backlog));
            System.out.println("PORT " + server.port());
            System.out.flush();
            server.serveForever();
            return null;
        });
    }
}
