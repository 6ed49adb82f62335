/**
 * Types shared by jasyncio's HTTP server and client: methods, status codes, versions, an ordered
 * case-insensitive {@link io.jasyncio.http.Headers} that keeps repeated fields, request targets
 * and query strings ({@link io.jasyncio.http.Url}, {@link io.jasyncio.http.QueryParams}), cookies
 * ({@link io.jasyncio.http.Cookies}, {@link io.jasyncio.http.SetCookie}), media types
 * ({@link io.jasyncio.http.ContentType}), form and multipart bodies
 * ({@link io.jasyncio.http.FormData}, the sans-IO {@link io.jasyncio.http.MultipartParser}),
 * dates ({@link io.jasyncio.http.HttpDates}), ranges ({@link io.jasyncio.http.ByteRange}),
 * entity tags ({@link io.jasyncio.http.ETag}) and JSON ({@link io.jasyncio.http.JsonCodec},
 * {@link io.jasyncio.http.SimpleJsonCodec}, {@link io.jasyncio.http.JacksonJsonCodec}).
 *
 * <p>Depends on nothing but the JDK (and optionally Jackson, for {@code JacksonJsonCodec}): no
 * loop, no sockets. The codec ({@code io.jasyncio.http.codec}) and the server
 * ({@code io.jasyncio.http.server}) build on it.
 *
 * <p>Where the RFCs leave a choice, these types choose as follows (each class says more):
 * <ul>
 *   <li>Header field names fold case in ASCII only, so no non-ASCII character aliases a name.
 *   <li>Query strings and form bodies follow the WHATWG {@code application/x-www-form-urlencoded}
 *       parser: {@code +} is a space, invalid escapes stay literal, bad UTF-8 becomes U+FFFD,
 *       {@code ;} is not a separator.
 *   <li>{@code Url.path()} decodes {@code %2F} to {@code /}; {@code Url.pathSegments()}, which
 *       routing uses, splits before decoding so it does not.
 *   <li>Cookie headers are parsed leniently (bad pairs skipped); Set-Cookie values are validated
 *       strictly (no quoting or escaping on the caller's behalf).
 *   <li>HTTP dates parse the three RFC 9110 forms exactly, and nothing else.
 *   <li>A malformed Range header is ignored (200), as are more than 16 ranges.
 *   <li>JSON decoding is strict RFC 8259, and a repeated object key is an error.
 *   <li>Multipart part headers must be CRLF-terminated lines without obs-fold.
 * </ul>
 */
package io.jasyncio.http;
