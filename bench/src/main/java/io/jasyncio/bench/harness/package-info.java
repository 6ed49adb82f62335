/**
 * The bench harness: runs each workload program (io.jasyncio.bench) and its peers (bench/python,
 * virtual threads, Netty) as separate processes, in turn, and reports medians and ratios. For
 * the echo workloads it starts a server process (io.jasyncio.bench.echo, bench/python/echo_server.py)
 * and the C load client (bench/c/echo_client.c, compiled here with gcc); for the HTTP workloads
 * a server process (io.jasyncio.bench.http, bench/python/http_server.py, or nginx with a
 * configuration written here) loaded by wrk, reading the server's CPU time from /proc. Depends on
 * the JDK only; it starts the programs, it does not link to them beyond naming their classes,
 * except for the HTTP workloads' JSON document (io.jasyncio.bench.http.JsonDocument), whose bytes
 * it checks every server's body against and writes into nginx's configuration.
 */
package io.jasyncio.bench.harness;
