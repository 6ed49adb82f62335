package io.jasyncio.http.server;

import io.jasyncio.EventLoop;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The transport a {@link ResponseBody.ProtocolSwitch} gets: the connection's own, except that
 * {@link #setProtocol} installs the new protocol behind the {@link HttpConnection}, which stays
 * the real transport's protocol and forwards events to it. So the server still learns when the
 * connection is lost (its connection count, graceful close), whatever protocol runs on it.
 */
final class UpgradedTransport implements Transport {
    private final HttpConnection conn;
    private final Transport t;

    UpgradedTransport(HttpConnection conn) {
        this.conn = conn;
        this.t = conn.transport;
    }

    @Override
    public void write(ByteBuffer data) {
        t.write(data);
    }

    @Override
    public void writeLines(Iterable<ByteBuffer> data) {
        t.writeLines(data);
    }

    @Override
    public void writeEof() {
        t.writeEof();
    }

    @Override
    public boolean canWriteEof() {
        return t.canWriteEof();
    }

    @Override
    public void pauseReading() {
        t.pauseReading();
    }

    @Override
    public void resumeReading() {
        t.resumeReading();
    }

    @Override
    public boolean isReading() {
        return t.isReading();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        t.setWriteBufferLimits(high, low);
    }

    @Override
    public int getWriteBufferHighWater() {
        return t.getWriteBufferHighWater();
    }

    @Override
    public int getWriteBufferLowWater() {
        return t.getWriteBufferLowWater();
    }

    @Override
    public int getWriteBufferSize() {
        return t.getWriteBufferSize();
    }

    @Override
    public boolean canSendfile() {
        return t.canSendfile();
    }

    @Override
    public long sendfile(FileChannel file, long position, long count) throws IOException {
        return t.sendfile(file, position, count);
    }

    @Override
    public ConnectionProtocol getProtocol() {
        return conn.upgraded;
    }

    /**
     * Installs {@code protocol} behind the connection.
     *
     * @throws IllegalArgumentException unless it is a {@link Protocol} (the connection forwards
     *     lent buffers; a {@code BufferedProtocol} is not supported here)
     */
    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        if (!(protocol instanceof Protocol p)) {
            throw new IllegalArgumentException("an upgraded HTTP connection takes a Protocol, not " + protocol);
        }
        conn.upgraded = p;
    }

    @Override
    public Object getExtraInfo(String name) {
        return t.getExtraInfo(name);
    }

    @Override
    public boolean isClosing() {
        return t.isClosing();
    }

    @Override
    public void close() {
        conn.close();
    }

    @Override
    public void abort() {
        conn.abort();
    }

    @Override
    public EventLoop loop() {
        return t.loop();
    }

    @Override
    public String toString() {
        return "UpgradedTransport[" + t + "]";
    }
}
