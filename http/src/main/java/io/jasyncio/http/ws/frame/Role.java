package io.jasyncio.http.ws.frame;

/**
 * Which end of a WebSocket connection the codec speaks for. RFC 6455 §5.1: a client masks every
 * frame it sends and a server masks none, and each side fails the connection on a frame that
 * breaks that rule.
 */
public enum Role {
    /** The end that opened the connection: sends masked frames, receives unmasked ones. */
    CLIENT,
    /** The end that accepted the upgrade: sends unmasked frames, receives masked ones. */
    SERVER;

    /** Whether frames this side sends are masked. */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }
}
