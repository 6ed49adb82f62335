package io.jasyncio.bench.harness;

/**
 * Whether a peer can be measured here: its version when it can, the reason when it cannot.
 *
 * @param version the peer's version, or null when unavailable
 * @param reason why it is unavailable, or null when available
 */
record Availability(String version, String reason) {
    static Availability of(String version) {
        return new Availability(version, null);
    }

    static Availability missing(String reason) {
        return new Availability(null, reason);
    }

    boolean available() {
        return reason == null;
    }
}
