package io.jasyncio.stream;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The writing end of a stream connection: asyncio's {@code StreamWriter}, a thin layer over a
 * {@link Transport}. {@link #write} never suspends and never drops data (the transport buffers
 * what it cannot send); {@link #drain()} is where a writer waits for the buffer to go down, so
 * the usual pattern is write, then drain.
 *
 * {@snippet :
 * try (writer) {                       // close() at the end
 *     writer.write("hello\n".getBytes(UTF_8));
 *     writer.drain();                  // suspends while the peer is slow
 * }
 * writer.waitClosed();
 * }
 *
 * <p>Loop-confined. Only {@link #drain()}, {@link #startTls} and {@link #waitClosed()} suspend.
 *
 * <p><b>Differs from asyncio:</b> no finalizer closing a forgotten transport (use
 * try-with-resources); the exceptions
 * of a lost connection are {@link IOException}s ({@code ConnectionResetError} is a
 * {@link SocketException}).
 */
public final class StreamWriter implements AutoCloseable {
    private Transport transport;
    private final FlowControlProtocol protocol;
    private final StreamReader reader;

    /**
     * A writer over {@code transport}, whose protocol is {@code protocol}.
     *
     * @param reader the connection's reader, whose exception {@link #drain()} reports, or null
     */
    public StreamWriter(Transport transport, FlowControlProtocol protocol, StreamReader reader) {
        if (transport == null || protocol == null) {
            throw new NullPointerException(transport == null ? "transport" : "protocol");
        }
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
    }

    /** The underlying transport: the TLS one after {@link #startTls}. */
    public Transport transport() {
        return transport;
    }

    /**
     * Writes the whole array (the transport copies what it cannot send now). Never suspends.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void write(byte[] data) {
        transport.write(data);
    }

    /**
     * Writes {@code data}'s remaining bytes, moving its position to its limit; the buffer may be
     * reused when this returns. Never suspends.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /**
     * Writes each buffer in turn (a gathering write where the transport can). Never suspends.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void writeLines(Iterable<ByteBuffer> data) {
        transport.writeLines(data);
    }

    /**
     * Writes each array in turn. Never suspends. asyncio's {@code writelines}, for arrays.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void writeLines(byte[]... data) {
        List<ByteBuffer> buffers = new ArrayList<>(data.length);
        for (byte[] d : data) {
            buffers.add(ByteBuffer.wrap(d));
        }
        transport.writeLines(buffers);
    }

    /**
     * Closes the sending side once buffered data is sent (half-close); reading goes on.
     *
     * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
     */
    public void writeEof() {
        transport.writeEof();
    }

    /** Whether the transport supports {@link #writeEof()} (TLS does not). */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Waits until it is appropriate to write more: returns at once while the transport's write
     * buffer is under its high-water mark, else suspends until it drains to the low-water mark.
     * If the transport is closing it first yields once, so that the loss of the connection is
     * noticed by a loop of write and drain (asyncio 3.12). A cancellation point when it waits.
     *
     * @throws IOException the reader's exception if the connection failed; "Connection lost"
     *         ({@link ConnectionResetException}) if it was lost before; the connection's exception if it
     *         is lost while waiting
     * @throws CancelledError if the task is cancelled while waiting
     */
    public void drain() throws IOException {
        if (reader != null && reader.exception() != null) {
            throw StreamReader.rethrow(reader.exception());
        }
        if (transport.isClosing()) {
            Asyncio.sleep(Duration.ZERO);
        }
        protocol.drainHelper();
    }

    /**
     * Upgrades this live connection to TLS in place: asyncio 3.11's {@code StreamWriter.start_tls}.
     * Drains first, then hands the connection to a TLS layer and suspends until the handshake is
     * done. Afterwards this writer encrypts what it writes, {@link #transport()} is the TLS
     * transport, and the connection's reader goes on reading, now the decrypted data; bytes the
     * reader had buffered before the upgrade stay readable. A cancellation point.
     *
     * {@snippet :
     * writer.write("STARTTLS
".getBytes(UTF_8));
     * reader.readLine();                                          // the server's go-ahead
     * writer.startTls(TlsOptions.client(sslContext, "mail.example.com"));
     * writer.write("EHLO me
".getBytes(UTF_8));                // encrypted from here on
     * }
     *
     * <p>On failure (or cancellation) the connection is closed and the reader fails with the same
     * error. <b>Differs from asyncio</b>, which takes the side from whether the streams belong to
     * a server: here {@link TlsLayer#serverSide()} says it, and a client's options name the
     * server hostname themselves (the writer does not know the host it was connected to).
     *
     * @throws IllegalStateException if the connection already carries TLS or is closing
     * @throws IllegalArgumentException if client options verify the hostname but name none
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails
     * @throws java.net.SocketTimeoutException if it takes longer than {@link io.jasyncio.stream.tls.TlsOptions#handshakeTimeout()}
     * @throws IOException as {@link #drain()}, or the connection's error
     * @throws CancelledError if the task is cancelled (the connection is then aborted)
     */
    public void startTls(TlsLayer options) throws IOException {
        if (transport.getExtraInfo(BaseTransport.SSL_OBJECT) != null) {
            throw new IllegalStateException("the connection already carries TLS");
        }
        if (transport.isClosing()) {
            throw new IllegalStateException("the connection is closing");
        }
        drain();
        Future<Transport> handshake = options.startTls(transport, protocol);
        Transport tls;
        try {
            tls = handshake.await();
        } catch (CompletionException e) {
            // The TLS layer is closing the connection: once it is lost, the reader fails too.
            try {
                protocol.waitClosed();
            } catch (IOException sameError) {
                // the handshake's own error, thrown below
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        transport = tls;
        if (protocol instanceof StreamReaderProtocol p) {
            p.replaceTransport(tls);
        } else if (reader != null) {
            reader.replaceTransport(tls);
        }
    }

    /**
     * Closes the transport once its buffered data is sent. Does not wait: follow with
     * {@link #waitClosed()}. Idempotent; never suspends.
     */
    @Override
    public void close() {
        transport.close();
    }

    /** Whether the transport is closing or closed. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Suspends until the connection is closed (its protocol saw {@code connectionLost}); returns
     * at once if it already is. A cancellation point; cancelling one waiter does not disturb
     * others.
     *
     * @throws IOException the exception the connection was lost with, if any
     * @throws CancelledError if the task is cancelled while waiting
     */
    public void waitClosed() throws IOException {
        protocol.waitClosed();
    }

    /** The transport's information by name (see {@link BaseTransport#getExtraInfo(String)}), or null. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** The transport's information by name, or {@code fallback} where it is null. */
    public Object getExtraInfo(String name, Object fallback) {
        return transport.getExtraInfo(name, fallback);
    }

    @Override
    public String toString() {
        return "StreamWriter[transport=" + transport + (reader != null ? ", reader=" + reader : "") + "]";
    }

    /**
     * Writes {@code line} and a {@code \n}, encoded in UTF-8. Never suspends: follow with
     * {@link #drain()} as after {@link #write(byte[])}.
     *
     * <p>The terminator is always {@code \n}, never the platform's line separator: what goes on
     * the wire must not depend on where the program runs. Protocols that need {@code \r\n}
     * (HTTP, SMTP) write it with {@code writeLine(line + "\r")} or as bytes.
     *
     * @throws NullPointerException if {@code line} is null
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void writeLine(String line) {
        writeLine(line, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code line} and a {@code \n}, encoded in {@code charset}; unmappable characters
     * are replaced, as {@link String#getBytes(Charset)} does. Never suspends.
     *
     * @throws NullPointerException if {@code line} or {@code charset} is null
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void writeLine(String line, Charset charset) {
        if (line == null || charset == null) {
            throw new NullPointerException(line == null ? "line" : "charset");
        }
        transport.write((line + "\n").getBytes(charset));
    }
}
