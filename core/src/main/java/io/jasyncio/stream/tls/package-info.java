/**
 * TLS over stream transports: asyncio's {@code sslproto.py} on {@link javax.net.ssl.SSLEngine}.
 *
 * <p>A {@link io.jasyncio.stream.tls.TlsProtocol} sits between a raw (ciphertext)
 * {@link io.jasyncio.stream.Transport} and the application's
 * {@link io.jasyncio.stream.ConnectionProtocol}: it is the raw transport's protocol, and it
 * hands the application a plaintext transport once the handshake is done.
 * {@link io.jasyncio.stream.tls.Tls#wrap} puts TLS on a freshly connected transport (what
 * {@code createConnection} with TLS does), {@link io.jasyncio.stream.tls.Tls#startTls} upgrades
 * a live plain connection (asyncio's {@code loop.start_tls}), and
 * {@link io.jasyncio.stream.tls.TlsOptions} carries the context, side, server hostname (SNI and
 * verification, on by default for clients), ALPN and the handshake and shutdown timeouts.
 *
 * {@snippet :
 * Future<Transport> ready = Tls.wrap(raw, myProtocol, TlsOptions.client(ctx, "example.com"));
 * Transport tls = ready.await();   // myProtocol.connectionMade(tls) has been called
 * tls.write(request);
 * }
 *
 * <p><b>Differs from asyncio:</b> timeouts are {@link java.net.SocketTimeoutException}s (asyncio:
 * {@code ConnectionAbortedError} for the handshake, {@code TimeoutError} for the shutdown); an end
 * of stream during the handshake is an {@link javax.net.ssl.SSLHandshakeException} (asyncio:
 * {@code ConnectionResetError}); after a failed {@code startTls} the protocol always hears
 * {@code connectionLost} (asyncio skips it on a handshake timeout). The engine's delegated tasks
 * run inline on the loop thread ({@code docs/adr/0003-tls-delegated-tasks-inline.md}).
 *
 * <p>Built only on the transport and protocol contracts of {@code io.jasyncio.stream} and the
 * public loop and future API; it knows nothing of sockets, so any stream transport (TCP, Unix,
 * a pipe, an in-memory pair in tests) can carry TLS. The dependency runs this way only:
 * {@code io.jasyncio.stream} uses TLS through its {@link io.jasyncio.stream.TlsLayer} interface,
 * which {@link io.jasyncio.stream.tls.TlsOptions} implements.
 */
package io.jasyncio.stream.tls;
