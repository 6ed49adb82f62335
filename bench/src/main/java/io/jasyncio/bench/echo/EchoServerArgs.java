package io.jasyncio.bench.echo;

import java.time.Duration;

/**
 * The command line every echo server takes, and the line it prints once it accepts
 * connections: {@code --port N} (0, the default: any free port) and {@code --max-seconds S}
 * (the server's hard lifetime, after which it exits by itself even if nobody kills it).
 *
 * @param port the port to listen on, 0 for any free one
 * @param maxLifetime how long the server runs at most
 */
public record EchoServerArgs(int port, Duration maxLifetime) {
    /** The first line a server prints on standard output, followed by its port. */
    public static final String ANNOUNCEMENT = "PORT ";

    /**
     * Validates the arguments.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535 or the lifetime is not positive
     */
    public EchoServerArgs {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("--max-seconds must be positive: " + maxLifetime);
        }
    }

    /**
     * Parses {@code --port N --max-seconds S} (either may be left out: port 0, 600 s).
     *
     * @throws IllegalArgumentException on an unknown option, a missing or unparsable value
     */
    public static EchoServerArgs parse(String[] args) {
        int port = 0;
        double seconds = 600;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--max-seconds" -> seconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
                        + "; usage: --port N --max-seconds S");
            }
        }
        return new EchoServerArgs(port, Duration.ofMillis((long) (seconds * 1000)));
    }

    /** Prints {@code PORT <port>} on standard output and flushes: the harness waits for this line. */
    public static void announce(int boundPort) {
        System.out.println(ANNOUNCEMENT + boundPort);
        System.out.flush();
    }
}
