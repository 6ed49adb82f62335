/**
 * The clients of the {@code http-client} workload: jasyncio's {@code ClientSession}
 * ({@link io.jasyncio.bench.client.JasyncioHttpClientBench}), the JDK's {@code HttpClient} on
 * virtual threads ({@link io.jasyncio.bench.client.JdkHttpClientBench}) and Netty's
 * {@code HttpClientCodec} on one epoll loop ({@link io.jasyncio.bench.client.NettyHttpClientBench}),
 * each a program of its own that the harness runs pinned to one core against nginx; the aiohttp
 * client is bench/python/http_client.py.
 *
 * <p>Every client takes the same arguments ({@link io.jasyncio.bench.client.ClientArgs}), makes
 * its warm-up GETs, then times the measured ones with the same number in flight, checks every
 * status and body length (exit status 1 on a wrong one), and prints one result line with
 * {@code req_per_s} and its own CPU per request ({@link io.jasyncio.bench.client.ClientCpu}).
 */
package io.jasyncio.bench.client;
