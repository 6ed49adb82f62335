package io.jasyncio.http;

/**
 * The two HTTP versions an HTTP/1.1 connection speaks. Anything else on the wire is rejected by
 * the codec (505 for a well-formed but unsupported version, 400 otherwise).
 */
public enum HttpVersion {
    /** {@code HTTP/1.0}: a connection closes after each message unless both ends keep it alive. */
    HTTP_1_0("HTTP/1.0"),
    /** {@code HTTP/1.1}: connections persist unless either end sends {@code Connection: close}. */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The version as written on the wire, for example {@code HTTP/1.1}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
