package io.jasyncio.stream;

import io.jasyncio.stream.tls.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up of the TLS-over-sockets tests: options from the test certificates, an echoing protocol. */
final class TlsNetTestSupport {
    private TlsNetTestSupport() {
    }

    /** The server side, presenting the {@code localhost} identity (SAN localhost and 127.0.0.1). */
    static TlsOptions serverTls() {
        return TlsOptions.server(SelfSignedCertificates.localhost().serverContext());
    }

    /** The client side, trusting the {@code localhost} identity, hostname from the connect call. */
    static TlsOptions clientTls() {
        return TlsOptions.client(SelfSignedCertificates.trusting(SelfSignedCertificates.localhost()));
    }

    static ConnectOptions tlsConnect() {
        return ConnectOptions.DEFAULTS.withTls(clientTls());
    }

    static ServerOptions tlsServer() {
        return ServerOptions.DEFAULTS.withTls(serverTls());
    }


    /** A recorder that echoes what it receives; every instance is listed in {@link #made}. */
    static final class EchoRecorder extends Recorder {
        final List<EchoRecorder> made;

        EchoRecorder(List<EchoRecorder> made) {
            this.made = made;
            made.add(this);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            ByteBuffer copy = data.duplicate();
            super.dataReceived(data);
            transport.write(copy);
        }
    }

    static List<EchoRecorder> registry() {
        return new ArrayList<>();
    }
}
