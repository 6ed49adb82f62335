/**
 * The servers of the TCP echo workloads ({@code echo1k}, {@code echo64k} and their
 * {@code -streams} rows): jasyncio's and Netty's, each a program of its own that the harness
 * starts pinned to one core and drives with the one load client (bench/c/echo_client.c).
 * The CPython asyncio and uvloop servers are bench/python/echo_server.py.
 */
package io.jasyncio.bench.echo;
