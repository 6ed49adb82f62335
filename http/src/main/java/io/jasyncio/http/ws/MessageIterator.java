package io.jasyncio.http.ws;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** {@link WebSocket#iterator()}: receives in {@code hasNext}, ends quietly at an orderly close. */
final class MessageIterator implements Iterator<Message> {
    private final WebSocket ws;
    private Message next;
    private boolean done;

    MessageIterator(WebSocket ws) {
        this.ws = ws;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = ws.receive();
            return true;
        } catch (WebSocketClosedException e) {
            done = true;
            if (e.isNormal() || ws.closedHere()) {
                return false;
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the WebSocket is closed");
        }
        Message m = next;
        next = null;
        return m;
    }
}
