/**
 * Types shared by jasyncio's HTTP server and client: methods, status codes, versions, an ordered
 * case-insensitive {@link io.jasyncio.http.Headers} that keeps repeated fields, URLs and query
 * strings, cookies, content types, form and multipart bodies, and the JSON codec interface.
 *
 * <p>Depends on nothing but the JDK (and optionally Jackson, for {@code JacksonJsonCodec}): no
 * loop, no sockets. The codec ({@code io.jasyncio.http.codec}) and the server
 * ({@code io.jasyncio.http.server}) build on it.
 */
package io.jasyncio.http;
