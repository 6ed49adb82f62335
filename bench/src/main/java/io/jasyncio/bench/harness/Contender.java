package io.jasyncio.bench.harness;

/**
 * A runtime a workload is measured on (the column it fills): jasyncio itself (on the selector
 * loop, and on the io_uring loop) or one of its peers, in table order; and tools the HTTP
 * and file rows need, whose availability is probed the same way but which fill no column
 * ({@link #WRK}, {@link #AIOHTTP}, {@link #AIOFILES}, {@link #URING_FILES}).
 */
enum Contender {
    JASYNCIO("jasyncio", "jasyncio"),
    /**
     * jasyncio's programs unchanged on the io_uring loop ({@code -Djasyncio.loop=uring}, module
     * jasyncio-uring): issue 11's subject. Not a peer: the report gives it a table of its own,
     * judged against the peers (and against jasyncio on the selector loop).
     */
    JASYNCIO_URING("jasyncio-uring", "jasyncio io_uring"),
    ASYNCIO("asyncio", "asyncio"),
    UVLOOP("uvloop", "uvloop"),
    VIRTUAL_THREADS("virtual-threads", "virtual threads"),
    /** Netty's native epoll transport, one event-loop thread: the network workloads' Java peer. */
    NETTY("netty", "Netty epoll"),
    /** Netty's native io_uring transport (io.netty.channel.uring), one event-loop thread: issue 11's second Netty peer. */
    NETTY_URING("netty-io_uring", "Netty io_uring"),
    /** nginx with one worker: the HTTP workloads' reference (issue 9's target is its CPU per request). */
    NGINX("nginx", "nginx"),
    /**
     * Not a column: wrk, the HTTP workloads' load generator. Its availability decides whether
     * any HTTP row can run.
     */
    WRK("wrk", "wrk"),
    /** Not a column: aiohttp for /usr/bin/python3, which the asyncio and uvloop HTTP rows run. */
    AIOHTTP("aiohttp", "aiohttp"),
    /** Not a column: aiofiles for /usr/bin/python3, which the file workloads' asyncio column runs. */
    AIOFILES("aiofiles", "aiofiles"),
    /**
     * Not a column: whether AsyncFile on the io_uring loop uses the ring, which the file rows'
     * jasyncio io_uring column needs beside the loop itself.
     */
    URING_FILES("uring-files", "AsyncFile on io_uring");

    /** The name the workload programs print in their result line's {@code runtime} field. */
    final String id;
    /** The column heading. */
    final String label;

    Contender(String id, String label) {
        this.id = id;
        this.label = label;
    }
}
