package io.jasyncio.http.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The sending side of a Server-Sent Events stream (the WHATWG HTML "server-sent events" format,
 * {@code text/event-stream}), as the aiohttp-sse package's {@code EventSourceResponse}: made by
 * {@link Response#sse}, it formats each event ({@code id:}, {@code event:}, {@code retry:} and one
 * {@code data:} line per line of the data) and waits for the connection to drain after each one,
 * so a slow client slows the producer instead of filling memory.
 *
 * {@snippet :
 * app.get("/ticks", request -> Response.sse(events -> {
 *     for (int i = 1; i <= 5; i++) {
 *         events.send("tick", "tick " + i);
 *         sleep(Duration.ofSeconds(1));
 *     }
 * }));
 * }
 *
 * <p>Belongs to the handler's task. A client that reconnects sends the last id it saw in the
 * {@code Last-Event-ID} request header; resuming from it is the application's business. Differs
 * from aiohttp-sse: no automatic ping task; call {@link #comment} on a timer of your own to keep
 * idle proxies from closing the stream.
 */
public final class ServerSentEvents {
    /** Writes the events of one stream; runs in the handler's task after the head is sent. */
    @FunctionalInterface
    public interface Producer {
        /**
         * Sends events through {@code events}; the stream ends when this returns.
         *
         * @throws Exception anything: the connection is then closed, as the head is already out
         */
        void produce(ServerSentEvents events) throws Exception;
    }

    /**
     * One event. Only {@code data} is required; the others are left out of the stream when null.
     *
     * @param id the event id (the client's {@code lastEventId}); no CR, LF or NUL
     * @param event the event type ({@code message} when null); no CR or LF
     * @param data the payload; may hold line breaks (each line becomes a {@code data:} line)
     * @param retry the reconnection delay the client should use from now on, or null
     */
    public record Event(String id, String event, String data, Duration retry) {
        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException if {@code id} or {@code event} holds a line break (or
         *     {@code id} a NUL), or {@code retry} is negative
         */
        public Event {
            Objects.requireNonNull(data, "data");
            if (id != null && (hasLineBreak(id) || id.indexOf('\0') >= 0)) {
                throw new IllegalArgumentException("an event id holds no CR, LF or NUL");
            }
            if (event != null && hasLineBreak(event)) {
                throw new IllegalArgumentException("an event type holds no CR or LF");
            }
            if (retry != null && retry.isNegative()) {
                throw new IllegalArgumentException("retry must not be negative: " + retry);
            }
        }

        /** An event of type {@code message} with {@code data}. */
        public static Event of(String data) {
            return new Event(null, null, data, null);
        }

        /** This event with {@code id}. */
        public Event withId(String id) {
            return new Event(id, event, data, retry);
        }

        /** This event with type {@code event}. */
        public Event withEvent(String event) {
            return new Event(id, event, data, retry);
        }

        /** This event with a reconnection delay. */
        public Event withRetry(Duration retry) {
            return new Event(id, event, data, retry);
        }

        private static boolean hasLineBreak(String s) {
            return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        }
    }

    private final BodyWriter out;

    ServerSentEvents(BodyWriter out) {
        this.out = out;
    }

    /**
     * Sends {@code data} as an event of type {@code message}. Suspends until the connection has
     * drained.
     *
     * @throws IOException if the client has gone away
     */
    public void send(String data) throws IOException {
        send(Event.of(data));
    }

    /**
     * Sends {@code data} as an event of type {@code event}. Suspends as {@link #send(String)}.
     *
     * @throws IllegalArgumentException if {@code event} holds a line break
     * @throws IOException if the client has gone away
     */
    public void send(String event, String data) throws IOException {
        send(new Event(null, event, data, null));
    }

    /**
     * Sends {@code event}. Suspends until the connection's buffer has drained.
     *
     * @throws IOException if the client has gone away
     */
    public void send(Event event) throws IOException {
        out.write(format(event));
        out.drain();
    }

    /**
     * Sends a comment line ({@code : text}), which clients ignore: a keep-alive for idle
     * streams. Line breaks in {@code text} start further comment lines. Suspends as {@link #send(String)}.
     *
     * @throws IOException if the client has gone away
     */
    public void comment(String text) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            sb.append(':').append(line.isEmpty() ? "" : " ").append(line).append('\n');
        }
        out.write(sb.append('\n').toString());
        out.drain();
    }

    /** The wire form of {@code e}: its fields, a {@code data:} line per line of data, a blank line. */
    static String format(Event e) {
        StringBuilder sb = new StringBuilder(e.data().length() + 32);
        if (e.id() != null) {
            sb.append("id: ").append(e.id()).append('\n');
        }
        if (e.event() != null) {
            sb.append("event: ").append(e.event()).append('\n');
        }
        if (e.retry() != null) {
            sb.append("retry: ").append(e.retry().toMillis()).append('\n');
        }
        for (String line : e.data().split("\r\n|\r|\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        return sb.append('\n').toString();
    }
}
