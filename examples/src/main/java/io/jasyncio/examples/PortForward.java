package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A TCP port forwarder written with protocols: each connection accepted on the listening port
 * gets a connection of its own to the target, and bytes are copied both ways. Backpressure works
 * both ways: when the transport towards one side has more than its high-water mark buffered,
 * the forwarder stops reading from the other side until it drains ({@code pauseWriting} /
 * {@code resumeWriting} become {@code pauseReading} / {@code resumeReading} of the other
 * transport), so a slow peer never makes the forwarder buffer without bound. A half-close is
 * passed on, and the end of one side ends the other.
 *
 * <p>{@code ./jasyncio examples portforward TARGET_HOST TARGET_PORT [LISTEN_PORT]} forwards
 * until Ctrl-C. With no arguments it runs a demonstration over 127.0.0.1: an echo server as the
 * target, the forwarder in front of it, and a client that writes without reading until the
 * forwarder has held back both sides, then reads everything back.
 */
public final class PortForward {
    private PortForward() {
    }

    /** Called when the forwarder stops reading from one side; the demonstration prints it. */
    interface Listener {
        /** The forwarder stopped reading from {@code side} ("client" or "target") because the other side is full. */
        void heldBack(String side);
    }

    /**
     * Listens on 127.0.0.1:{@code listenPort} (0: an ephemeral port) and forwards each connection
     * to {@code targetHost}:{@code targetPort}. Call it from a task; close the server to stop.
     *
     * @throws IOException if the port cannot be bound
     */
    public static Server forward(int listenPort, String targetHost, int targetPort) throws IOException {
        return forward(listenPort, targetHost, targetPort, side -> { });
    }

    static Server forward(int listenPort, String targetHost, int targetPort, Listener listener) throws IOException {
        return Network.createServer(() -> new Inbound(targetHost, targetPort, listener), "127.0.0.1", listenPort);
    }

    /** One direction's end: copies what it reads to the other end and holds back for it. */
    static class Side implements Protocol {
        final String name;
        final Listener listener;
        Side other;
        Transport transport;
        boolean eof;
        boolean lost;

        Side(String name, Listener listener) {
            this.name = name;
            this.listener = listener;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            other.transport.write(data);
        }

        @Override
        public boolean eofReceived() {
            eof = true;
            if (other.eof) {
                // Both directions are finished: nothing more can flow.
                other.transport.close();
                return false;
            }
            other.transport.writeEof();
            return true;
        }

        /** The transport towards this side is full: stop reading from the other side. */
        @Override
        public void pauseWriting() {
            other.transport.pauseReading();
            listener.heldBack(other.name);
        }

        @Override
        public void resumeWriting() {
            other.transport.resumeReading();
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost = true;
            if (other != null && other.transport != null) {
                if (exc == null) {
                    other.transport.close();
                } else {
                    other.transport.abort();
                }
            }
        }
    }

    /** The client's end: holds reading back until the connection to the target is made. */
    static final class Inbound extends Side {
        private final String targetHost;
        private final int targetPort;

        Inbound(String targetHost, int targetPort, Listener listener) {
            super("client", listener);
            this.targetHost = targetHost;
            this.targetPort = targetPort;
        }

        @Override
        public void connectionMade(Transport t) {
            super.connectionMade(t);
            t.pauseReading();
            Side outbound = new Side("target", listener);
            outbound.other = this;
            other = outbound;
            createTask(() -> {
                try {
                    Network.createConnection(() -> outbound, targetHost, targetPort);
                } catch (IOException e) {
                    System.err.println("portforward: " + e.getMessage());
                    t.close();
                    return null;
                }
                if (lost) {
                    outbound.transport.close();
                } else {
                    t.resumeReading();
                }
                return null;
            });
        }
    }

    /** Runs the forwarder or, with no arguments, the demonstration. */
    public static void main(String[] args) {
        if (args.length == 0) {
            run(PortForwardDemo::demo);
            return;
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int listen = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        run(() -> {
            Server server = forward(listen, host, port);
            int bound = ((InetSocketAddress) server.sockets().getFirst()).getPort();
            System.out.println("Forwarding 127.0.0.1:" + bound + " -> " + host + ":" + port + " (Ctrl-C stops)");
            server.serveForever();
        });
    }
}
