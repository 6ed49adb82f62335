package io.jasyncio.http.ws.frame;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The header checks of the opening handshake (RFC 6455 §4): the key and its accept value, the
 * server's check of an upgrade request and the client's check of the 101 response.
 * Subprotocols and extensions are negotiated by the caller ({@link PerMessageDeflate} for
 * compression); these checks cover what every WebSocket handshake needs.
 *
 * {@snippet :
 * String key = WsHandshake.newKey();   // client: send as Sec-WebSocket-Key
 * // ... the server answers Sec-WebSocket-Accept: WsHandshake.acceptKey(key)
 * WsHandshake.checkResponse(status, responseHeaders, key);   // client: throws if it is not a valid 101
 * }
 */
public final class WsHandshake {
    /** The GUID of RFC 6455 §1.3 appended to the key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WsHandshake() {
    }

    /** A fresh {@code Sec-WebSocket-Key}: 16 random bytes (from a {@link SecureRandom}), base64. */
    public static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** {@code Sec-WebSocket-Accept} for a key: base64(SHA-1(key + the RFC's GUID)). */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-1", e);
        }
    }

    /**
     * Checks an upgrade request on the server (RFC 6455 §4.2.1): GET, HTTP/1.1, a {@code Host},
     * {@code Upgrade: websocket}, a {@code Connection} that lists {@code upgrade}, a
     * {@code Sec-WebSocket-Key} that is 16 bytes in base64, and {@code Sec-WebSocket-Version: 13}.
     * Header names and the tokens are matched case-insensitively.
     *
     * @throws WsHandshakeException with status 426 when the version is not 13 (answer with
     *     {@code Sec-WebSocket-Version: 13}, §4.2.2), 400 for every other failure
     */
    public static void checkRequest(Method method, HttpVersion version, Headers headers) throws WsHandshakeException {
        if (!Method.GET.equals(method)) {
            throw new WsHandshakeException(400, "WebSocket upgrade with method " + method + ": must be GET");
        }
        if (version != HttpVersion.HTTP_1_1) {
            throw new WsHandshakeException(400, "WebSocket upgrade over " + version + ": needs HTTP/1.1");
        }
        if (headers.count("Host") != 1) {
            throw new WsHandshakeException(400, "WebSocket upgrade without exactly one Host header");
        }
        if (!hasToken(headers, "Upgrade", "websocket")) {
            throw new WsHandshakeException(400, "not a WebSocket upgrade: no 'Upgrade: websocket' header");
        }
        if (!hasToken(headers, "Connection", "upgrade")) {
            throw new WsHandshakeException(400, "WebSocket upgrade whose Connection header does not list 'upgrade'");
        }
        String v = headers.get("Sec-WebSocket-Version");
        if (headers.count("Sec-WebSocket-Version") != 1 || !"13".equals(v.strip())) {
            throw new WsHandshakeException(426, "unsupported Sec-WebSocket-Version " + v + ": only 13");
        }
        String key = headers.get("Sec-WebSocket-Key");
        if (headers.count("Sec-WebSocket-Key") != 1 || !validKey(key.strip())) {
            throw new WsHandshakeException(400, "Sec-WebSocket-Key is not 16 bytes in base64: " + key);
        }
    }

    /**
     * Checks the server's answer on the client (RFC 6455 §4.1, the client's duties): status 101,
     * {@code Upgrade: websocket}, a {@code Connection} listing {@code upgrade} and the
     * {@code Sec-WebSocket-Accept} matching {@code key}.
     *
     * @throws WsHandshakeException with {@code status} when it is not 101 (the server refused),
     *     with 101 when the 101 is wrong; the message says which check failed
     */
    public static void checkResponse(int status, Headers headers, String key) throws WsHandshakeException {
        if (status != 101) {
            throw new WsHandshakeException(status, "WebSocket handshake refused: status " + status + " instead of 101");
        }
        if (!hasToken(headers, "Upgrade", "websocket")) {
            throw new WsHandshakeException(status, "WebSocket handshake: the 101 has no 'Upgrade: websocket'");
        }
        if (!hasToken(headers, "Connection", "upgrade")) {
            throw new WsHandshakeException(status, "WebSocket handshake: the 101's Connection header does not list 'upgrade'");
        }
        String accept = headers.get("Sec-WebSocket-Accept");
        if (headers.count("Sec-WebSocket-Accept") != 1 || !acceptKey(key).equals(accept.strip())) {
            throw new WsHandshakeException(status, "WebSocket handshake: Sec-WebSocket-Accept " + accept
                    + " does not match the key sent");
        }
    }

    private static boolean validKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether any field {@code name} holds {@code token} in its comma-separated list. */
    static boolean hasToken(Headers headers, String name, String token) {
        for (String value : headers.getAll(name)) {
            for (String part : value.split(",")) {
                if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
