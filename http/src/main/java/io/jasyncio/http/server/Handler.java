package io.jasyncio.http.server;

/**
 * Handles one request: the server runs it in a task of its own, so it may suspend (read the
 * body, await a database, sleep). What it returns is written to the client; an
 * {@link HttpException} it throws becomes that status; any other exception becomes a 500 that
 * does not show the exception to the client; it is logged (with its stack trace when the loop
 * is in debug mode).
 */
@FunctionalInterface
public interface Handler {
    /**
     * Answers {@code request}.
     *
     * @throws Exception anything: an {@link HttpException} is answered with its status, anything
     *     else with 500; a {@link io.jasyncio.CancelledError} (the client went away, or the server
     *     shuts down) ends the exchange without a response
     */
    Response handle(Request request) throws Exception;
}
