package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The demonstration of {@link PortForward}, all over 127.0.0.1 on one loop: an echo server as
 * the target; the forwarder in front of it; a client that writes as fast as its transport lets
 * it and reads nothing, until the forwarder has stopped reading from both sides (the client's
 * side fills first, then, as the echo server stops reading in turn, the target's); then the
 * client half-closes, reads everything back and checks every byte.
 */
final class PortForwardDemo {
    /** Plenty, and never reached here: the forwarder holds both sides back within a few MiB. */
    private static final long MAX_BYTES = 512L << 20;
    /** A bound for the whole exchange, so a broken forwarder fails instead of hanging. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private PortForwardDemo() {
    }

    /** The byte at stream offset {@code i}. */
    static byte expected(long i) {
        return (byte) ((i % 251) * 31 + 7);
    }

    /** The target: echoes, stops reading while its own write buffer is full, closes on EOF. */
    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public boolean eofReceived() {
            transport.close();
            return true;
        }

        @Override
        public void pauseWriting() {
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    /** Writes the pattern while not paused and until told to stop; checks what comes back. */
    static final class Client implements Protocol {
        final byte[] chunk = new byte[251 * 256];
        final Future<Void> closed;
        Transport transport;
        boolean paused;
        boolean stop;
        long written;
        long received;
        String error;

        Client(Future<Void> closed) {
            this.closed = closed;
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = expected(i);
            }
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            t.pauseReading();
            pump();
        }

        void pump() {
            while (!paused && !stop && written < MAX_BYTES) {
                transport.write(chunk);
                written += chunk.length;
            }
        }

        @Override
        public void pauseWriting() {
            paused = true;
        }

        @Override
        public void resumeWriting() {
            paused = false;
            pump();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            for (int i = data.position(); i < data.limit() && error == null; i++, received++) {
                if (data.get(i) != expected(received)) {
                    error = "byte " + received + " differs";
                }
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (exc != null && error == null) {
                error = exc.toString();
            }
            closed.setResult(null);
        }
    }

    static void demo() throws Exception {
        Server target = Network.createServer(Echo::new, "127.0.0.1", 0);
        System.out.println("Target: an echo server on 127.0.0.1");
        Future<Void> clientSideHeld = getRunningLoop().createFuture();
        Future<Void> targetSideHeld = getRunningLoop().createFuture();
        Server forwarder = PortForward.forward(0, "127.0.0.1", port(target), side -> {
            if (side.equals("target") && !targetSideHeld.isDone()) {
                System.out.println("Forwarder: the client is not reading, so it stopped reading from the target");
                targetSideHeld.setResult(null);
            } else if (side.equals("client") && !clientSideHeld.isDone()) {
                System.out.println("Forwarder: the target stopped reading, so it stopped reading from the client");
                clientSideHeld.setResult(null);
            }
        });
        System.out.println("Forwarder: 127.0.0.1 -> the target");
        timeout(BOUND, () -> {
            Future<Void> closed = getRunningLoop().createFuture();
            System.out.println("Client: writing through the forwarder, reading nothing");
            Connection<Client> c = Network.createConnection(() -> new Client(closed), "127.0.0.1", port(forwarder));
            targetSideHeld.await();
            clientSideHeld.await();
            Client client = c.protocol();
            client.stop = true;
            c.transport().writeEof();
            c.transport().resumeReading();
            System.out.println("Client: stopped writing, half-closed, reading again");
            closed.await();
            if (client.error != null || client.received != client.written) {
                throw new IllegalStateException("the echo came back wrong: " + client.error + ", " + client.received + " of " + client.written);
            }
            System.out.println("Client: every byte came back in order (" + (client.written >> 20) + " MiB); the forwarder closed both sides");
        });
        forwarder.close();
        target.close();
        forwarder.waitClosed();
        target.waitClosed();
    }

    private static int port(Server s) {
        return ((InetSocketAddress) s.sockets().getFirst()).getPort();
    }
}
