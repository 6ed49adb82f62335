/**
 * The bench harness: runs each workload program (io.jasyncio.bench) and its peers (bench/python,
 * virtual threads, Netty) as separate processes, in turn, and reports medians and ratios. For
 * the echo workloads it starts a server process (io.jasyncio.bench.echo, bench/python/echo_server.py)
 * and the C load client (bench/c/echo_client.c, compiled here with gcc). Depends on the JDK only;
 * it starts the programs, it does not link to them beyond naming their classes.
 */
package io.jasyncio.bench.harness;
