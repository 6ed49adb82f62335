package io.jasyncio.http.ws;

import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsDecoder;
import io.jasyncio.http.ws.frame.WsEncoder;
import io.jasyncio.http.ws.frame.WsEvent;
import io.jasyncio.http.ws.frame.WsLimits;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A scripted WebSocket peer for tests: decodes what it receives into a list of codec events and
 * answers nothing by itself (no pongs, no Close echo), so a test controls every frame it sends
 * through {@link #encoder} or raw bytes.
 */
final class FramePeer implements Protocol {
    final WsDecoder decoder;
    final WsEncoder encoder;
    final List<WsEvent> events = new ArrayList<>();
    Transport transport;
    boolean lost;

    /** A peer speaking as {@code role}. */
    FramePeer(Role role) {
        decoder = new WsDecoder(role, WsLimits.DEFAULTS, null);
        encoder = new WsEncoder(role, null, RandomGenerator.getDefault());
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        decoder.feed(data);
        WsEvent ev;
        while ((ev = decoder.next()) != null) {
            events.add(ev);
            if (ev instanceof WsEvent.Failure) {
                return;   // sticky: the decoder repeats it forever
            }
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        lost = true;
    }

    /** The events of one kind received so far. */
    <E extends WsEvent> List<E> received(Class<E> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    void send(ByteBuffer frame) {
        transport.write(frame);
    }
}
