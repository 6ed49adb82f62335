/**
 * The HTTP/1.1 wire format (RFC 9112) as a sans-IO state machine: bytes in, {@link
 * io.jasyncio.http.codec.HttpEvent}s out; heads and body pieces in, bytes out. No sockets, no
 * loop, no threads: the server and the client drive it, and it is tested and fuzzed on its own.
 * Depends on {@code io.jasyncio.http} only.
 */
package io.jasyncio.http.codec;
