/**
 * The HTTP/1.1 wire format (RFC 9112) as a sans-IO state machine: bytes in, {@link
 * io.jasyncio.http.codec.HttpEvent}s out ({@link io.jasyncio.http.codec.RequestDecoder},
 * {@link io.jasyncio.http.codec.ResponseDecoder}); heads and chunk framing in, bytes out
 * ({@link io.jasyncio.http.codec.ResponseEncoder}, {@link io.jasyncio.http.codec.RequestEncoder}).
 * No sockets, no loop, no threads: the server and the client drive it, and it is tested and
 * fuzzed on its own (see {@code http/FUZZING.md}). Depends on {@code io.jasyncio.http} only.
 *
 * <h2>Strictness and the lenient readings taken</h2>
 * The decoders refuse what RFC 9110/9112 call invalid, answering with the status in the
 * {@link io.jasyncio.http.codec.ProtocolError} (the server then closes). Where the RFCs allow a
 * recipient to be lenient, the choice made is:
 * <ol>
 * <li><b>Line endings.</b> CRLF only. A bare LF is refused (400), although RFC 9112 §2.2 lets a
 *     recipient accept it: a front end that splits on LF and a back end that does not is a
 *     smuggling vector. A bare CR is refused (400), as §2.2 requires.</li>
 * <li><b>Empty lines before a request line</b> (§2.2: SHOULD ignore at least one): any number of
 *     CRLFs between requests are ignored; a bare LF there is still refused.</li>
 * <li><b>Request line.</b> Exactly one SP between method, target and version; other whitespace
 *     (several spaces, HTAB, a trailing space) is 400, although §3 lets a recipient split on any
 *     whitespace. Methods are case-sensitive tokens; extension methods are accepted.</li>
 * <li><b>Version.</b> Exactly {@code HTTP/1.0} or {@code HTTP/1.1} (case-sensitive). A
 *     well-formed {@code HTTP/d.d} other than these (HTTP/1.2, HTTP/2.0, HTTP/0.9) is 505; anything
 *     else, including a missing version (HTTP/0.9's simple request), is 400.</li>
 * <li><b>Request target.</b> Any visible ASCII byte (0x21-0x7E) is accepted, a lenient superset
 *     of RFC 3986 (clients send raw <code>|</code>, <code>&#123;</code>, <code>"</code>); percent-encoding is left to
 *     the URL parser; controls and bytes above 0x7E are 400. Forms (§3.2): origin-form with any
 *     method; asterisk-form only with OPTIONS; authority-form ({@code host:port}, port required)
 *     only, and always, with CONNECT; absolute-form needs {@code scheme://} and a non-empty
 *     authority without userinfo.</li>
 * <li><b>Host.</b> Exactly one for HTTP/1.1, at most one for HTTP/1.0; its value must be
 *     {@code uri-host [":" port]} or empty. With an absolute-form target the target's authority
 *     wins (§3.2.2): the Host field's value is replaced by it (Host must still be present).</li>
 * <li><b>Field lines.</b> Names are tokens followed directly by the colon (whitespace before the
 *     colon: 400, as §5.1 requires). obs-fold is refused (400; §5.2 allows unfolding instead), and
 *     so is a field line starting with whitespace after the request line (§2.2). Values may hold
 *     HTAB, SP, visible ASCII and obs-text (0x80-0xFF, decoded as ISO-8859-1); NUL, DEL and other
 *     controls are 400. Leading and trailing OWS is removed.</li>
 * <li><b>Content-Length.</b> {@code 1*DIGIT}, at most 18 digits; leading zeros are accepted (the
 *     grammar allows them and no reading differs). A list ({@code 1, 1}) or a repeated field,
 *     even with identical values, is 400 (RFC 9110 §8.6 allows accepting identical ones).</li>
 * <li><b>Transfer-Encoding.</b> The codings of every Transfer-Encoding field, in order. Together
 *     with Content-Length: 400 (§6.1 allows letting Transfer-Encoding win; we refuse). In an
 *     HTTP/1.0 request: 400. Final coding not {@code chunked} (including {@code xchunked},
 *     {@code chunked, identity}): 400 (§6.3). {@code chunked} twice: 400. An empty list element:
 *     400 (RFC 9110 §5.6.1 says to ignore them; not in a framing field). {@code chunked} last after
 *     another coding ({@code gzip, chunked}): 501, since no other transfer coding is
 *     implemented. Coding names are case-insensitive.</li>
 * <li><b>No framing fields</b> in a request: no body (§6.3 rule 7).</li>
 * <li><b>Chunk size.</b> {@code 1*HEXDIG}, at most 16 digits counting leading zeros; overflow,
 *     signs, {@code 0x}, and whitespace after the size are 400 (the grammar's BWS before a
 *     {@code ;} is refused too). Chunk extensions are skipped, not parsed: any field-value bytes
 *     after {@code ;} up to {@code maxChunkExtension} (more: 400). Chunk data must be followed by
 *     exactly CRLF (400 otherwise).</li>
 * <li><b>Trailers</b> are checked like header fields, limited by {@code maxTrailerBytes} and
 *     {@code maxHeaderCount} (431), delivered in {@link io.jasyncio.http.codec.EndOfMessage} and
 *     never merged into the head; framing fields among them are not interpreted.</li>
 * <li><b>Limits.</b> Request line over {@code maxRequestLine}: 414; header field bytes or count
 *     over the limits: 431. The body is not limited here (413 is the server's).</li>
 * <li><b>Expect.</b> {@code 100-continue} (case-insensitive) is reported for HTTP/1.1 only (RFC
 *     9110 §10.1.1: ignore it in 1.0); other expectations are not flagged (a server may answer
 *     417 itself).</li>
 * <li><b>Connection.</b> The {@code close} and {@code keep-alive} options, case-insensitive:
 *     HTTP/1.1 persists unless {@code close}; HTTP/1.0 only with {@code keep-alive}. After a
 *     request that ends the connection (and after CONNECT, whose connection becomes a tunnel),
 *     further input is ignored.</li>
 * <li><b>End of input</b> inside a head or a framed body is a 400 error event; between requests
 *     it is a clean end (no event).</li>
 * <li><b>Responses</b> ({@link io.jasyncio.http.codec.ResponseDecoder}): a status line without a
 *     reason phrase ({@code HTTP/1.1 200}) is accepted; Transfer-Encoding together with
 *     Content-Length, or a non-chunked coding before chunked, is an error; Transfer-Encoding
 *     whose final coding is not chunked means the body runs until close (§6.3 rule 4); every
 *     error is reported as 502.</li>
 * </ol>
 */
package io.jasyncio.http.codec;
