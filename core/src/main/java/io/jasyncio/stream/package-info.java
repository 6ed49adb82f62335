/**
 * Network I/O: asyncio's transports and protocols (callback style, the fast path) and streams
 * on top of them (the style most users write).
 *
 * <p>Transports are built on the loop's public readiness API
 * ({@link io.jasyncio.loop.EventLoop}'s readers and writers) and the task API, like any user code
 * could be; this package depends on {@code io.jasyncio} and {@code io.jasyncio.loop}, never the
 * reverse.
 */
package io.jasyncio.stream;
