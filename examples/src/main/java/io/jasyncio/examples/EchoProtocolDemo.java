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
import java.nio.charset.StandardCharsets;

/**
 * The TCP echo server and client of asyncio's documentation, written with protocols: the server
 * sends back what it receives and closes the connection; the client sends a message, prints the
 * echo, and finishes when the server closes. Both run on one loop over 127.0.0.1 on an ephemeral
 * port.
 */
public final class EchoProtocolDemo {
    private EchoProtocolDemo() {
    }

    /** The server's side of one connection: echo, then close. */
    static final class EchoServerProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String message = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
            System.out.println("Server received: " + message);
            // write() copies: the lent buffer may be passed straight back.
            transport.write(data);
            System.out.println("Server sent it back and closes the connection");
            transport.close();
        }
    }

    /** The client: sends its message once connected, prints what comes back. */
    static final class EchoClientProtocol implements Protocol {
        private final String message;
        private final Future<Void> done;

        EchoClientProtocol(String message, Future<Void> done) {
            this.message = message;
            this.done = done;
        }

        @Override
        public void connectionMade(Transport t) {
            t.write(message.getBytes(StandardCharsets.UTF_8));
            System.out.println("Client sent: " + message);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            System.out.println("Client received: " + StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void connectionLost(Throwable exc) {
            System.out.println("The server closed the connection");
            done.setResult(null);
        }
    }

    /** Runs the example; {@code ./jasyncio examples echoprotocol} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Server server = Network.createServer(EchoServerProtocol::new, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();
            System.out.println("Serving on 127.0.0.1");
            Future<Void> done = getRunningLoop().createFuture();
            Connection<EchoClientProtocol> c = Network.createConnection(() -> new EchoClientProtocol("Hello World!", done), "127.0.0.1", port);
            done.await();
            server.close();
            server.waitClosed();
            System.out.println("Server closed; the client's transport is closing: " + c.transport().isClosing());
        });
    }
}
