package io.jasyncio.http.server;

/**
 * A handler wrapping a handler, aiohttp's {@code @web.middleware}: it sees each request on its
 * way in and the response (or exception) on its way out, and may answer by itself without
 * calling {@code next} (auth), change the request's attributes for later handlers, catch an
 * {@link HttpException} to render an error page, or time and log the call. Registered with
 * {@link Application#use}; the first registered is the outermost. Runs in the request's task, so
 * it may suspend.
 *
 * {@snippet :
 * app.use((request, next) -> {
 *     long start = System.nanoTime();
 *     Response response = next.handle(request);
 *     response.header("Server-Timing", "app;dur=" + (System.nanoTime() - start) / 1_000_000.0);
 *     return response;
 * });
 * }
 *
 * <p>Differs from aiohttp: a 404 or 405 reaches middleware as an {@link HttpException} thrown by
 * {@code next}, as in aiohttp, but there is no {@code normalize_path_middleware} built in.
 */
@FunctionalInterface
public interface Middleware {
    /**
     * Handles {@code request}, usually by calling {@code next.handle(request)}.
     *
     * @throws Exception anything, which the next middleware out (or the server) sees as the
     *     handler's exception
     */
    Response handle(Request request, Handler next) throws Exception;
}
