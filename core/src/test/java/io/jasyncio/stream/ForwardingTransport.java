package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import java.nio.ByteBuffer;

/** A {@link Transport} that hands every call to another; tests override the calls they change. */
class ForwardingTransport implements Transport {
    private final Transport delegate;

    ForwardingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void write(ByteBuffer data) {
        delegate.write(data);
    }

    @Override
    public void writeEof() {
        delegate.writeEof();
    }

    @Override
    public boolean canWriteEof() {
        return delegate.canWriteEof();
    }

    @Override
    public void pauseReading() {
        delegate.pauseReading();
    }

    @Override
    public void resumeReading() {
        delegate.resumeReading();
    }

    @Override
    public boolean isReading() {
        return delegate.isReading();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        delegate.setWriteBufferLimits(high, low);
    }

    @Override
    public int getWriteBufferHighWater() {
        return delegate.getWriteBufferHighWater();
    }

    @Override
    public int getWriteBufferLowWater() {
        return delegate.getWriteBufferLowWater();
    }

    @Override
    public int getWriteBufferSize() {
        return delegate.getWriteBufferSize();
    }

    @Override
    public ConnectionProtocol getProtocol() {
        return delegate.getProtocol();
    }

    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        delegate.setProtocol(protocol);
    }

    @Override
    public Object getExtraInfo(String name) {
        return delegate.getExtraInfo(name);
    }

    @Override
    public boolean isClosing() {
        return delegate.isClosing();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void abort() {
        delegate.abort();
    }

    @Override
    public EventLoop loop() {
        return delegate.loop();
    }
}
