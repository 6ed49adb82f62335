package io.jasyncio.http.codec;

/**
 * A protocol error inside the codec, carrying the status a server answers with. Never leaves the
 * package: the decoders turn it into a sticky {@link ProtocolError} event. No stack trace, since
 * it is control flow on hostile input.
 */
final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    CodecException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    ProtocolError toEvent() {
        return new ProtocolError(status, getMessage());
    }
}
