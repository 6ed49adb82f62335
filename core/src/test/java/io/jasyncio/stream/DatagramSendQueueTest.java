package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.*;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.spi.SelectorProvider;
import java.util.*;

/**
 * The send queue of DatagramSocketTransport, over a fake channel whose sends can be refused (a
 * real loopback UDP socket never refuses one). Regressions from the review of 2026-12-02: a
 * datagram queued from resumeWriting was stranded; an abort from errorReceived left a negative
 * buffer size and a null connectionLost; an unresolved address was accepted while others queued.
 */
class DatagramSendQueueTest {
    /** A DatagramChannel whose send() results are scripted: 0 = would block, -1 = IOException, 1 = sent. */
    static final class FakeChannel extends DatagramChannel {
        final ArrayDeque<Integer> script = new ArrayDeque<>();
        final List<Integer> sent = new ArrayList<>();
        FakeChannel() { super(SelectorProvider.provider()); }
        @Override public int send(ByteBuffer src, SocketAddress target) throws IOException {
            if (target instanceof InetSocketAddress i && i.isUnresolved()) throw new java.nio.channels.UnresolvedAddressException(); // as the JDK's Net.checkAddress
            int s = script.isEmpty() ? 1 : script.poll();
            if (s == -1) throw new IOException("scripted send failure");
            if (s == 0) return 0;
            int n = src.remaining(); src.position(src.limit()); sent.add(n); return n;
        }
        @Override public DatagramChannel bind(SocketAddress local) { return this; }
        @Override public <T> DatagramChannel setOption(SocketOption<T> name, T value) { return this; }
        @Override public <T> T getOption(SocketOption<T> name) { return null; }
        @Override public Set<SocketOption<?>> supportedOptions() { return Set.of(); }
        @Override public DatagramSocket socket() { return null; }
        @Override public boolean isConnected() { return false; }
        @Override public DatagramChannel connect(SocketAddress remote) { return this; }
        @Override public DatagramChannel disconnect() { return this; }
        @Override public SocketAddress getRemoteAddress() { return null; }
        @Override public SocketAddress receive(ByteBuffer dst) { return null; }
        @Override public int read(ByteBuffer dst) { return 0; }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) { return 0; }
        @Override public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) { throw new UnsupportedOperationException(); }
        @Override public SocketAddress getLocalAddress() { return new InetSocketAddress(0); }
        @Override public MembershipKey join(InetAddress g, NetworkInterface i) { throw new UnsupportedOperationException(); }
        @Override public MembershipKey join(InetAddress g, NetworkInterface i, InetAddress s) { throw new UnsupportedOperationException(); }
        @Override protected void implCloseSelectableChannel() { }
        @Override protected void implConfigureBlocking(boolean block) { }
    }

    /** The running loop, except that reader/writer registrations are only recorded. */
    static EventLoop recordingLoop(EventLoop real, Map<String, Runnable> regs) {
        return (EventLoop) Proxy.newProxyInstance(EventLoop.class.getClassLoader(), new Class<?>[] {EventLoop.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "addReader": regs.put("reader", (Runnable) a[1]); return null;
                case "addWriter": regs.put("writer", (Runnable) a[1]); return null;
                case "removeReader": return regs.remove("reader") != null;
                case "removeWriter": return regs.remove("writer") != null;
                default:
                    try { return m.invoke(real, a); } catch (InvocationTargetException e) { throw e.getCause(); }
            }
        });
    }

    static final SocketAddress TO = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aDatagramQueuedByResumeWritingIsStillSent(LoopHarness h) {
        h.run(() -> {
            EventLoop real = EventLoop.getRunningLoop();
            Map<String, Runnable> regs = new HashMap<>();
            FakeChannel ch = new FakeChannel();
            DatagramTransport[] t = new DatagramTransport[1];
            DatagramProtocol proto = new DatagramProtocol() {
                @Override public void datagramReceived(ByteBuffer d, SocketAddress a) { }
                @Override public void resumeWriting() {
                    ch.script.add(0); // the socket buffer is full again
                    t[0].sendTo(ByteBuffer.wrap(new byte[10]), TO);
                }
            };
            Future<Void> waiter = real.createFuture();
            t[0] = new DatagramSocketTransport(recordingLoop(real, regs), ch, proto, waiter);
            waiter.await();
            ch.script.add(0);
            t[0].sendTo(ByteBuffer.wrap(new byte[70_000]), TO); // queued, pauses the protocol
            assertNotNull(regs.get("writer"));
            regs.get("writer").run(); // sends 70000, resumes; resumeWriting queues 10 bytes
            assertEquals(10, t[0].getWriteBufferSize());
            assertNotNull(regs.get("writer"), "a datagram is queued but no writer is registered: it is never sent");
            t[0].abort();
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFatalErrorInErrorReceivedDuringAQueuedSendReachesConnectionLost(LoopHarness h) {
        h.run(() -> {
            EventLoop real = EventLoop.getRunningLoop();
            Map<String, Runnable> regs = new HashMap<>();
            FakeChannel ch = new FakeChannel();
            RuntimeException boom = new RuntimeException("boom");
            List<Throwable> lost = new ArrayList<>();
            DatagramProtocol proto = new DatagramProtocol() {
                @Override public void datagramReceived(ByteBuffer d, SocketAddress a) { }
                @Override public void errorReceived(Exception e) { throw boom; }
                @Override public void connectionLost(Throwable e) { lost.add(e); }
            };
            real.setExceptionHandler((l, c) -> { });
            Future<Void> waiter = real.createFuture();
            DatagramSocketTransport t = new DatagramSocketTransport(recordingLoop(real, regs), ch, proto, waiter);
            waiter.await();
            ch.script.add(0);
            t.sendTo(ByteBuffer.wrap(new byte[100]), TO);
            ch.script.add(-1);
            regs.get("writer").run();
            io.jasyncio.Asyncio.sleep(java.time.Duration.ZERO);
            assertEquals(0, t.getWriteBufferSize(), "write buffer size after the queue was cleared");
            assertEquals(List.of(boom), lost);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anUnresolvedAddressIsRejectedEvenWhileDatagramsAreQueued(LoopHarness h) {
        h.run(() -> {
            EventLoop real = EventLoop.getRunningLoop();
            Map<String, Runnable> regs = new HashMap<>();
            FakeChannel ch = new FakeChannel();
            DatagramProtocol proto = (d, a) -> { };
            Future<Void> waiter = real.createFuture();
            DatagramSocketTransport t = new DatagramSocketTransport(recordingLoop(real, regs), ch, proto, waiter);
            waiter.await();
            SocketAddress bad = InetSocketAddress.createUnresolved("nohost.invalid", 9);
            assertThrows(RuntimeException.class, () -> t.sendTo(ByteBuffer.wrap(new byte[1]), bad)); // queue empty: rejected
            ch.script.add(0);
            t.sendTo(ByteBuffer.wrap(new byte[1]), TO); // now queued
            assertThrows(RuntimeException.class, () -> t.sendTo(ByteBuffer.wrap(new byte[1]), bad),
                    "accepted while queued: the writer later throws on it forever");
            t.abort();
            return null;
        });
    }
}
