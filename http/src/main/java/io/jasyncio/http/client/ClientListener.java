package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Url;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Tracing hooks: the client calls these as a request goes through the pool (aiohttp's
 * {@code TraceConfig} signals, okhttp's {@code EventListener}). Every method is a no-op by
 * default; override those you need. Called on the loop thread, in the requesting task, inline:
 * keep them short and do not suspend. An exception thrown from a hook fails the request.
 *
 * <p>For one request the order is: {@code requestStart}; then, if the pool is at its limit,
 * {@code poolWaitStart}, {@code poolWaitEnd}; then either {@code connectionReused}, or for a new
 * connection {@code dnsStart}, {@code dnsEnd}, ({@code tlsStart}, {@code tlsEnd} for https),
 * {@code connectionCreated}; then {@code requestEnd} when the response head arrived, or
 * {@code requestFailed}. A retry on a fresh connection repeats the connection part.
 */
public interface ClientListener {
    /** A listener that does nothing. */
    ClientListener NONE = new ClientListener() {
    };

    /** A request is about to be sent; {@code headers} are a copy of those the caller gave (changing it changes nothing). */
    default void requestStart(Method method, Url url, Headers headers) {
    }

    /** The final response head of a request arrived with {@code status}. */
    default void requestEnd(Method method, Url url, int status) {
    }

    /** A request failed before its response head arrived (a timeout, a refused connection...). */
    default void requestFailed(Method method, Url url, Throwable error) {
    }

    /** The session follows a redirect ({@code status}) from {@code from} to {@code to}. */
    default void redirect(Method method, Url from, Url to, int status) {
    }

    /** A request starts waiting for the pool's limits to let it have a connection to {@code origin}. */
    default void poolWaitStart(Origin origin) {
    }

    /** The wait that {@link #poolWaitStart} announced ended (with a connection, or not). */
    default void poolWaitEnd(Origin origin) {
    }

    /** A name lookup starts (not called for IP literals). */
    default void dnsStart(String host) {
    }

    /** A name lookup ended with {@code addresses}; {@code cached} when the DNS cache answered. */
    default void dnsEnd(String host, List<InetAddress> addresses, boolean cached) {
    }

    /** The TLS handshake with {@code host} starts. */
    default void tlsStart(String host) {
    }

    /** The TLS handshake with {@code host} succeeded with {@code protocol} (e.g. "TLSv1.3"). */
    default void tlsEnd(String host, String protocol) {
    }

    /** A new connection for {@code origin} is ready, connected to {@code remote}. */
    default void connectionCreated(Origin origin, InetSocketAddress remote) {
    }

    /** A pooled keep-alive connection to {@code remote} carries the next request for {@code origin}. */
    default void connectionReused(Origin origin, InetSocketAddress remote) {
    }
}
