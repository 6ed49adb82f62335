package io.jasyncio.http;

/**
 * HTTP status codes (RFC 9110 §15) as {@code int} constants with their reason phrases. An
 * {@code int}, not an enum, because any three-digit code is valid on the wire.
 */
public final class Status {
    /** 100 Continue. */ public static final int CONTINUE = 100;
    /** 101 Switching Protocols. */ public static final int SWITCHING_PROTOCOLS = 101;
    /** 200 OK. */ public static final int OK = 200;
    /** 201 Created. */ public static final int CREATED = 201;
    /** 202 Accepted. */ public static final int ACCEPTED = 202;
    /** 204 No Content. */ public static final int NO_CONTENT = 204;
    /** 206 Partial Content. */ public static final int PARTIAL_CONTENT = 206;
    /** 301 Moved Permanently. */ public static final int MOVED_PERMANENTLY = 301;
    /** 302 Found. */ public static final int FOUND = 302;
    /** 303 See Other. */ public static final int SEE_OTHER = 303;
    /** 304 Not Modified. */ public static final int NOT_MODIFIED = 304;
    /** 307 Temporary Redirect. */ public static final int TEMPORARY_REDIRECT = 307;
    /** 308 Permanent Redirect. */ public static final int PERMANENT_REDIRECT = 308;
    /** 400 Bad Request. */ public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized. */ public static final int UNAUTHORIZED = 401;
    /** 403 Forbidden. */ public static final int FORBIDDEN = 403;
    /** 404 Not Found. */ public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */ public static final int METHOD_NOT_ALLOWED = 405;
    /** 408 Request Timeout. */ public static final int REQUEST_TIMEOUT = 408;
    /** 411 Length Required. */ public static final int LENGTH_REQUIRED = 411;
    /** 412 Precondition Failed. */ public static final int PRECONDITION_FAILED = 412;
    /** 413 Content Too Large. */ public static final int CONTENT_TOO_LARGE = 413;
    /** 414 URI Too Long. */ public static final int URI_TOO_LONG = 414;
    /** 415 Unsupported Media Type. */ public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 416 Range Not Satisfiable. */ public static final int RANGE_NOT_SATISFIABLE = 416;
    /** 417 Expectation Failed. */ public static final int EXPECTATION_FAILED = 417;
    /** 422 Unprocessable Content. */ public static final int UNPROCESSABLE_CONTENT = 422;
    /** 426 Upgrade Required. */ public static final int UPGRADE_REQUIRED = 426;
    /** 429 Too Many Requests. */ public static final int TOO_MANY_REQUESTS = 429;
    /** 431 Request Header Fields Too Large. */ public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    /** 500 Internal Server Error. */ public static final int INTERNAL_SERVER_ERROR = 500;
    /** 501 Not Implemented. */ public static final int NOT_IMPLEMENTED = 501;
    /** 502 Bad Gateway. */ public static final int BAD_GATEWAY = 502;
    /** 503 Service Unavailable. */ public static final int SERVICE_UNAVAILABLE = 503;
    /** 504 Gateway Timeout. */ public static final int GATEWAY_TIMEOUT = 504;
    /** 505 HTTP Version Not Supported. */ public static final int HTTP_VERSION_NOT_SUPPORTED = 505;

    private Status() {
    }

    /**
     * The reason phrase RFC 9110 (or, for 103, 425, 451 and 511, the RFC that registered the
     * code) gives {@code code}, or {@code "Unknown"} for a code none names.
     *
     * @throws IllegalArgumentException if {@code code} is not in 100..999
     */
    public static String reason(int code) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code out of range 100..999: " + code);
        }
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 103 -> "Early Hints";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 511 -> "Network Authentication Required";
            default -> "Unknown";
        };
    }

    /** Whether a response with this status never carries a body (1xx, 204, 304; RFC 9112 §6.3). */
    public static boolean forbidsBody(int code) {
        return code < 200 || code == NO_CONTENT || code == NOT_MODIFIED;
    }
}
