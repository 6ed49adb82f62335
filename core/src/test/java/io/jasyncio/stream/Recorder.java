package io.jasyncio.stream;

import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol that records every event its transport sends, for the transport and server tests:
 * the bytes received, end of stream, pause/resume counts, and each connectionLost.
 */
class Recorder implements Protocol {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<Throwable> lost = new ArrayList<>();
    Transport transport;
    int pauses;
    int resumes;
    int connectionLostCalls;
    boolean keepOpenOnEof;
    private Future<Void> lostFuture;
    private Future<Void> dataFuture;
    private int dataTarget;

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        events.add("made");
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        received.write(b, 0, b.length);
        if (dataFuture != null && received.size() >= dataTarget && !dataFuture.isDone()) {
            dataFuture.setResult(null);
        }
    }

    @Override
    public boolean eofReceived() {
        events.add("eof");
        if (dataFuture != null && !dataFuture.isDone()) {
            dataFuture.setResult(null);
        }
        return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Throwable exc) {
        connectionLostCalls++;
        lost.add(exc);
        events.add("lost");
        if (lostFuture != null && !lostFuture.isDone()) {
            lostFuture.setResult(null);
        }
        if (dataFuture != null && !dataFuture.isDone()) {
            dataFuture.setResult(null);
        }
    }

    @Override
    public void pauseWriting() {
        pauses++;
        events.add("pause");
    }

    @Override
    public void resumeWriting() {
        resumes++;
        events.add("resume");
    }

    /** Suspends until connectionLost was called. */
    void awaitLost() {
        if (connectionLostCalls > 0) {
            return;
        }
        lostFuture = loop().createFuture();
        lostFuture.await();
    }

    /** Suspends until at least {@code n} bytes arrived in total, or end of stream. */
    void awaitBytes(int n) {
        if (received.size() >= n || events.contains("eof") || connectionLostCalls > 0) {
            return;
        }
        dataTarget = n;
        dataFuture = loop().createFuture();
        dataFuture.await();
        dataFuture = null;
    }

    /** Suspends until end of stream. */
    void awaitEof() {
        while (!events.contains("eof") && connectionLostCalls == 0) {
            awaitBytes(Integer.MAX_VALUE);
        }
    }

    String text() {
        return received.toString();
    }

    private static EventLoop loop() {
        return EventLoop.getRunningLoop();
    }
}
