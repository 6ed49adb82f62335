package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.stream.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The pool's host-name cache: each host's addresses are looked up once (with
 * {@link Network#getAddrInfo}, off the loop thread) and reused for the TTL (aiohttp's
 * {@code ttl_dns_cache}); concurrent lookups of one host share one lookup. A failed lookup is not
 * cached. IP literals need no lookup. Loop-confined.
 */
final class DnsCache {
    /* Implementation notes
     *
     * A lookup runs in a task of its own, so that one caller's cancellation (shield) does not
     * cancel it for the others sharing it; its result goes into the cache from its done callback.
     * close() cancels lookups still running so none outlives the pool.
     */

    /** How names are looked up; a seam for tests that count lookups. */
    interface Lookup {
        /** The addresses of {@code host}; suspends. */
        List<InetAddress> lookup(String host) throws IOException;
    }

    /** The loop's resolver: {@link Network#getAddrInfo}. */
    static final Lookup SYSTEM = host -> {
        List<InetAddress> out = new ArrayList<>();
        List<InetSocketAddress> found;
        try {
            found = Network.getAddrInfo(host, 0);
        } catch (java.net.UnknownHostException e) {
            // The lookup is by name only (the cache serves every port), so core's "(port 0)" would mislead.
            java.net.UnknownHostException named = new java.net.UnknownHostException("cannot resolve " + host
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            named.initCause(e);
            throw named;
        }
        for (InetSocketAddress a : found) {
            out.add(a.getAddress());
        }
        return List.copyOf(out);
    };

    private record Entry(List<InetAddress> addresses, long expires) {
    }

    private final long ttlNanos;
    private final Lookup lookup;
    private final Map<String, Entry> cache = new HashMap<>();
    private final Map<String, Task<List<InetAddress>>> inflight = new HashMap<>();

    /** A cache keeping answers for {@code ttl} (null or zero: no caching, only sharing of concurrent lookups). */
    DnsCache(Duration ttl, Lookup lookup) {
        this.ttlNanos = ttl == null ? 0 : ttl.toNanos();
        this.lookup = lookup;
    }

    /**
     * The addresses of {@code host}: a literal's own, a cached answer, or a lookup's (shared with
     * any running for the same host). A cancellation point when it looks up.
     *
     * @throws java.net.UnknownHostException if the host cannot be resolved
     * @throws IOException if the lookup fails otherwise
     */
    List<InetAddress> resolve(String host, ClientListener listener) throws IOException {
        InetAddress literal = literal(host);
        if (literal != null) {
            return List.of(literal);
        }
        listener.dnsStart(host);
        long now = Asyncio.getRunningLoop().time();
        Entry e = cache.get(host);
        if (e != null) {
            if (now < e.expires()) {
                listener.dnsEnd(host, e.addresses(), true);
                return e.addresses();
            }
            cache.remove(host);
        }
        Task<List<InetAddress>> t = inflight.get(host);
        if (t == null) {
            Task<List<InetAddress>> started = Asyncio.createTask(() -> lookup.lookup(host), "dns " + host);
            inflight.put(host, started);
            started.addDoneCallback(f -> {
                inflight.remove(host, started);
                if (f.isCancelled() || f.exception() != null) {
                    return;
                }
                if (ttlNanos > 0) {
                    cache.put(host, new Entry(f.result(), ConnectionPool.deadlineAfter(Asyncio.getRunningLoop().time(),
                            Duration.ofNanos(ttlNanos))));
                }
            });
            t = started;
        }
        List<InetAddress> addresses;
        try {
            addresses = Asyncio.shield(t);
        } catch (CompletionException ce) {
            if (ce.getCause() instanceof IOException io) {
                throw io;
            }
            throw ce;
        }
        listener.dnsEnd(host, addresses, false);
        return addresses;
    }

    /** How many hosts have a live or expired answer stored. */
    int size() {
        return cache.size();
    }

    /** Cancels lookups still running and forgets every answer. */
    void close() {
        for (Task<List<InetAddress>> t : new ArrayList<>(inflight.values())) {
            t.cancel();
        }
        inflight.clear();
        cache.clear();
    }

    private static InetAddress literal(String host) {
        if (host.indexOf(':') < 0 && !Character.isDigit(host.charAt(host.length() - 1))) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
