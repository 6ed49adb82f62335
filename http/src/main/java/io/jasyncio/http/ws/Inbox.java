package io.jasyncio.http.ws;

import io.jasyncio.ParkingLot;
import io.jasyncio.stream.Transport;

import java.util.ArrayDeque;

/**
 * The messages a {@link WebSocket} received and the application has not taken yet, and the
 * read-side backpressure that bounds them: above {@link WebSocket#QUEUE_HIGH} queued bytes the
 * transport stops reading, and it resumes once a quarter of that is left.
 */
final class Inbox {
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final ParkingLot readers = new ParkingLot(this);
    private final Transport transport;
    private long bytes;
    private boolean readPaused;

    Inbox(Transport transport) {
        this.transport = transport;
    }

    void add(Message m) {
        queue.add(m);
        bytes += size(m);
        readers.wakeAll();
        if (!readPaused && bytes > WebSocket.QUEUE_HIGH) {
            readPaused = true;
            transport.pauseReading();
        }
    }

    /** The oldest message, or null; taking one may resume reading. */
    Message poll(boolean lost) {
        Message m = queue.poll();
        if (m != null) {
            bytes -= size(m);
            if (readPaused && bytes <= WebSocket.QUEUE_HIGH / 4) {
                readPaused = false;
                if (!lost) {
                    transport.resumeReading();
                }
            }
        }
        return m;
    }

    /** Suspends until a message arrives or {@link #wakeAll} is called; a cancellation point. */
    void await() {
        readers.park();
    }

    void wakeAll() {
        readers.wakeAll();
    }

    /** Roughly what a message holds in memory: text counts two bytes a char. */
    private static long size(Message m) {
        return m instanceof Message.Binary b ? b.data().length : ((Message.Text) m).text().length() * 2L;
    }
}
