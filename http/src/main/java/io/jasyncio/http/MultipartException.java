package io.jasyncio.http;

/**
 * A {@code multipart/form-data} body is malformed or exceeds a {@link MultipartParser.Limits}
 * limit. Once thrown, the parser throws it again on every call: the body cannot be resumed.
 * A server answers 400 (or 413 for a limit).
 */
public class MultipartException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean limit;

    /** A malformed-body exception. */
    public MultipartException(String message) {
        this(message, false);
    }

    /** An exception that is a limit being exceeded when {@code limit} is true. */
    public MultipartException(String message, boolean limit) {
        super(message);
        this.limit = limit;
    }

    /** Whether a configured limit was exceeded (413), rather than the body being malformed (400). */
    public boolean isLimit() {
        return limit;
    }
}
