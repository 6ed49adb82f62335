package io.jasyncio.http.ws.frame;

/**
 * The close status codes of RFC 6455 §7.4 (and the IANA registry), and which of them may appear
 * in a Close frame. Unlike aiohttp's {@code WSCloseCode} enum these are plain ints: codes 3000-4999
 * belong to libraries and applications, so a closed set of constants cannot hold them all.
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection is fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the endpoint goes away (server shutdown, page navigated away). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type the endpoint cannot accept (e.g. binary where only text is understood). */
    public static final int UNSUPPORTED = 1003;
    /** 1005: no code was present in the Close frame; never sent. */
    public static final int NO_STATUS = 1005;
    /** 1006: the connection closed without a Close frame; never sent. */
    public static final int ABNORMAL = 1006;
    /** 1007: data inconsistent with the message type (invalid UTF-8 in a text message). */
    public static final int INVALID_DATA = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY = 1008;
    /** 1009: a message too big to process. */
    public static final int TOO_BIG = 1009;
    /** 1010: (client) the server did not negotiate an extension the client requires. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: (server) an unexpected condition prevented fulfilling the request. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: (IANA) the service is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: (IANA) try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: (IANA) a gateway received an invalid response from upstream. */
    public static final int BAD_GATEWAY = 1014;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may be sent or received in a Close frame: the defined codes 1000-1003
     * and 1007-1014 and the library/application range 3000-4999. 1005, 1006 and 1015 are for
     * reporting only, the other values below 3000 are reserved; a Close frame with one of them
     * fails the connection with 1002.
     */
    public static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
