package io.jasyncio.stream;

import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.loop.BaseEventLoop;
import io.jasyncio.loop.LoopClock;
import io.jasyncio.loop.SelectorBackend;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The {@link SocketTransportProvider} seam (issue 11): a loop that offers socket transports gets
 * asked for every connected stream socket (outgoing, accepted, under TLS), its transports are
 * tracked by the server through {@link ServerHook}, and a loop that declines gets the
 * readiness-based transport.
 */
class SocketTransportProviderTest {
    /** A selector loop that makes the socket transports itself, recording whom it made them for. */
    static final class ProvidingLoop extends BaseEventLoop implements EventLoop, SocketTransportProvider {
        final List<ServerHook> hooks = new ArrayList<>();
        final List<Transport> made = new ArrayList<>();
        boolean decline;

        ProvidingLoop() {
            super(new SelectorBackend(), LoopClock.system());
        }

        @Override
        public Transport createSocketTransport(SocketChannel channel, ConnectionProtocol protocol, Future<Void> waiter, ServerHook server) {
            hooks.add(server);
            if (decline) {
                return null;
            }
            // A decorator, so the test can tell the provider's transports from the package's own.
            Transport t = new Marked(new SocketTransport(this, channel, protocol, waiter, server));
            made.add(t);
            return t;
        }
    }

    static final class Marked extends ForwardingTransport {
        Marked(Transport delegate) {
            super(delegate);
        }
    }

    private static <T> T run(ProvidingLoop loop, Callable<T> main) {
        try {
            return loop.runUntilComplete(main);
        } finally {
            loop.close();
        }
    }

    @Test
    void connectionsAndAcceptedSocketsGetTheLoopsTransportAndTheServerTracksThem() {
        ProvidingLoop loop = new ProvidingLoop();
        run(loop, () -> {
            Server server = Network.createServer(ServerTest.Echo::new, LOOPBACK, 0);
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
            assertInstanceOf(Marked.class, c.transport());
            c.transport().write("via the loop".getBytes());
            c.protocol().awaitBytes(12);
            assertEquals("via the loop", c.protocol().text());
            assertEquals(2, loop.made.size(), "the client's and the accepted socket's transports");
            // The server may accept before the client's connect returns: the order is free.
            assertEquals(1, loop.hooks.stream().filter(java.util.Objects::isNull).count(), "an outgoing connection has no server");
            assertEquals(1, loop.hooks.stream().filter(java.util.Objects::nonNull).count(), "an accepted one has its server's hook");
            server.close();
            // The accepted transport is attached: closeClients reaches it and waitClosed waits for it.
            server.closeClients();
            server.waitClosed();
            c.protocol().awaitLost();
            assertTrue(loop.made.get(loop.hooks.get(0) == null ? 1 : 0).isClosing());
            return null;
        });
    }

    @Test
    void aLoopThatDeclinesGetsTheReadinessTransport() {
        ProvidingLoop loop = new ProvidingLoop();
        loop.decline = true;
        run(loop, () -> {
            Server server = Network.createServer(ServerTest.Echo::new, LOOPBACK, 0);
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
            assertInstanceOf(SocketTransport.class, c.transport());
            c.transport().write("ok".getBytes());
            c.protocol().awaitBytes(2);
            assertEquals(2, loop.hooks.size(), "asked for both ends");
            c.transport().close();
            server.close();
            server.waitClosed();
            c.protocol().awaitLost();
            return null;
        });
    }

    @Test
    void theSocketUnderTlsComesFromTheLoop() {
        ProvidingLoop loop = new ProvidingLoop();
        run(loop, () -> {
            Server server = Network.createServer(ServerTest.Echo::new, LOOPBACK, 0, TlsNetTestSupport.tlsServer());
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), TlsNetTestSupport.tlsConnect());
            c.transport().write("secret".getBytes());
            c.protocol().awaitBytes(6);
            assertEquals("secret", c.protocol().text());
            assertEquals(2, loop.made.size(), "the raw sockets of both ends");
            assertEquals(1, loop.hooks.stream().filter(java.util.Objects::nonNull).count(), "the accepted one has its server's hook");
            c.transport().close();
            server.close();
            server.waitClosed();
            c.protocol().awaitLost();
            return null;
        });
    }
}
