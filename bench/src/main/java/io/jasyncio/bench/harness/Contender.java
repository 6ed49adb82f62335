package io.jasyncio.bench.harness;

/**
 * A runtime a workload is measured on (the column it fills): jasyncio itself or one of its
 * peers, in table order; and two tools the HTTP rows need, whose availability is probed the same
 * way but which fill no column ({@link #WRK}, {@link #AIOHTTP}).
 */
enum Contender {
    JASYNCIO("jasyncio", "jasyncio"),
    ASYNCIO("asyncio", "asyncio"),
    UVLOOP("uvloop", "uvloop"),
    VIRTUAL_THREADS("virtual-threads", "virtual threads"),
    /** Netty's native epoll transport, one event-loop thread: the network workloads' Java peer. */
    NETTY("netty", "Netty epoll"),
    /** nginx with one worker: the HTTP workloads' reference (issue 9's target is its CPU per request). */
    NGINX("nginx", "nginx"),
    /**
     * Not a column: wrk, the HTTP workloads' load generator. Its availability decides whether
     * any HTTP row can run.
     */
    WRK("wrk", "wrk"),
    /** Not a column: aiohttp for /usr/bin/python3, which the asyncio and uvloop HTTP rows run. */
    AIOHTTP("aiohttp", "aiohttp");

    /** The name the workload programs print in their result line's {@code runtime} field. */
    final String id;
    /** The column heading. */
    final String label;

    Contender(String id, String label) {
        this.id = id;
        this.label = label;
    }
}
