package io.jasyncio.bench.harness;

/** A runtime a workload is measured on (the column it fills): jasyncio itself or one of its peers, in table order. */
enum Contender {
    JASYNCIO("jasyncio", "jasyncio"),
    ASYNCIO("asyncio", "asyncio"),
    UVLOOP("uvloop", "uvloop"),
    VIRTUAL_THREADS("virtual-threads", "virtual threads"),
    /** Netty's native epoll transport, one event-loop thread: the network workloads' Java peer. */
    NETTY("netty", "Netty epoll");

    /** The name the workload programs print in their result line's {@code runtime} field. */
    final String id;
    /** The column heading. */
    final String label;

    Contender(String id, String label) {
        this.id = id;
        this.label = label;
    }
}
