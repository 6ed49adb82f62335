package io.jasyncio.http.server;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import io.jasyncio.http.Status;
import io.jasyncio.http.codec.RequestHead;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * One request and its response: the body of the handler's task. Runs the handler, turns what
 * it throws into a response, writes the response with the framing the server owns, and hands
 * the connection back.
 */
final class HttpExchange implements Callable<Void> {
    /*
     * Implementation notes.
     *
     * The whole exchange runs in one task, so a client that goes away (connectionLost) cancels
     * the handler and a streaming producer alike. Framing is decided before the head is built:
     * the length comes from the body kind; keep-alive needs the request's keep-alive, a server
     * not shutting down, no codec error in the body, a body that is complete or cheap to
     * discard, and a framed (not close-delimited) response. A Bytes body of up to INLINE bytes
     * is appended to the head in the HeadWriter's array, so the hot path is one write.
     */
    static final System.Logger LOG = System.getLogger("io.jasyncio.http.server");
    static final System.Logger ACCESS = System.getLogger("io.jasyncio.http.access");
    private static final int INLINE = 16 * 1024;
    private static final int FILE_CHUNK = 64 * 1024;
    private static final String INTERNAL_ERROR = "500 Internal Server Error\n\nServer got itself in trouble";

    final HttpConnection conn;
    final RequestHead head;
    final IncomingBody body;
    final Request request;
    private Task<Void> task;
    /** Set when the body had a codec error: the connection cannot carry another request. */
    boolean mustClose;
    private long startNanos;
    private int status;
    private long sent;

    HttpExchange(HttpConnection conn, RequestHead head, IncomingBody body) {
        this.conn = conn;
        this.head = head;
        this.body = body;
        this.request = new Request(head, body, conn.remote);
    }

    /** Starts the handler's task. */
    void start() {
        HttpServer server = conn.server;
        if (server.accessLog) {
            startNanos = System.nanoTime();
        }
        server.exchangeStarted();
        task = conn.transport.loop().createTask(this);
    }

    /** The client went away: the handler (or the producer) is cancelled. */
    void connectionLost() {
        if (task != null && !task.isDone()) {
            task.cancel("the client closed the connection");
        }
    }

    /** Cancels the exchange's task unless it is the one running (an upgraded session the server drops). */
    void cancelUnlessCurrent() {
        if (task != io.jasyncio.Asyncio.currentTask()) {
            connectionLost();
        }
    }

    /** Cancels the exchange (server shutdown after the grace period). */
    void cancel() {
        connectionLost();
    }

    @Override
    public Void call() {
        try {
            Response response = handle();
            boolean keepAlive;
            try {
                keepAlive = respond(response);
            } catch (CancelledError e) {
                conn.abort();
                throw e;
            } catch (Throwable t) {
                if (conn.gone()) {
                    LOG.log(Level.DEBUG, () -> "Writing the response body of " + request + " stopped: the client went away", t);
                } else {
                    LOG.log(Level.ERROR, "Error writing the response body of " + request, t);
                }
                conn.abort();
                return null;
            }
            if (conn.server.accessLog) {
                AccessLog.log(this, status, sent, startNanos);
            }
            conn.exchangeDone(this, keepAlive);
            return null;
        } finally {
            conn.server.exchangeEnded();
        }
    }

    private Response handle() {
        Response r;
        try {
            r = conn.server.handler.handle(request);
            if (r == null) {
                return internalError(new NullPointerException("the handler returned null"));
            }
            return r;
        } catch (HttpException e) {
            Response error = Response.text(e.status(), e.getMessage() == null ? Status.reason(e.status()) : e.getMessage());
            Headers extra = e.headers();
            for (int i = 0; i < extra.size(); i++) {
                error.headers().add(extra.name(i), extra.value(i));
            }
            return error;
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable t) {
            return internalError(t);
        }
    }

    private Response internalError(Throwable t) {
        if (conn.gone()) {
            LOG.log(Level.DEBUG, () -> "Error handling " + request + " after the client went away", t);
        } else if (conn.transport.loop().getDebug()) {
            LOG.log(Level.ERROR, "Error handling request " + request, t);
        } else {
            LOG.log(Level.ERROR, "Error handling request " + request + ": " + t);
        }
        return Response.text(500, INTERNAL_ERROR);
    }

    /** Writes {@code r}; returns whether the connection may carry another request. */
    private boolean respond(Response r) throws Exception {
        status = r.status();
        ResponseBody b = r.body();
        if (b instanceof ResponseBody.Upgrade u) {
            if (status != Status.SWITCHING_PROTOCOLS) {
                return respond(internalError(new IllegalStateException(
                        "an Upgrade body goes with status 101, not " + status)));
            }
            upgrade(r, u);
            return false;
        }
        boolean isHead = head.method() == Method.HEAD;
        boolean noBody = Status.forbidsBody(status);
        boolean http10 = head.version() == HttpVersion.HTTP_1_0;
        // instanceof, not a pattern switch: this runs per response, and the chain is cheaper
        // than the switch's indy type dispatch.
        long length;
        if (b instanceof ResponseBody.Bytes bytes) {
            length = bytes.data().remaining();
        } else if (b instanceof ResponseBody.Empty) {
            length = 0;
        } else if (b instanceof ResponseBody.FileRegion f) {
            length = f.length();
        } else {
            long declared = ((ResponseBody.Streaming) b).contentLength();
            length = declared >= 0 ? declared : http10 ? -2 : -1;
        }
        FileChannel file = null;
        if (b instanceof ResponseBody.FileRegion f && !isHead && !noBody) {
            try {
                if (java.nio.file.Files.isDirectory(f.path())) {
                    throw new java.io.IOException(f.path() + " is a directory, not a file");
                }
                file = FileChannel.open(f.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return respond(Response.text(404, "Not Found"));
            } catch (java.io.IOException | SecurityException e) {
                return respond(internalError(e));
            }
        }
        boolean keepAlive = head.keepAlive() && !mustClose && !conn.server.closing && (noBody || length != -2)
                && body.discardableUpTo(conn.server.config.discardLimit());
        HeadWriter w = conn.server.heads;
        w.begin(status);
        boolean empty = b instanceof ResponseBody.Empty;
        int flags = w.fields(r.headers(), empty);
        w.standard(flags);
        if (!noBody) {
            if (length >= 0) {
                if (!empty || (flags & HeadWriter.HAS_LENGTH) == 0) {
                    w.contentLength(length);
                }
            } else if (length == -1) {
                w.chunked();
            }
        }
        w.connection(!keepAlive, http10 && keepAlive);
        w.end();
        boolean sendBody = !isHead && !noBody;
        if (sendBody && b instanceof ResponseBody.Bytes bytes && length <= INLINE) {
            w.body(bytes.data());
            sent = length;
            conn.transport.write(w.buffer());
            return keepAlive;
        }
        conn.transport.write(w.buffer());
        if (!sendBody) {
            return keepAlive;
        }
        if (b instanceof ResponseBody.Bytes bytes) {
            conn.transport.write(bytes.data().duplicate());
            sent = length;
        } else if (b instanceof ResponseBody.FileRegion f) {
            try (FileChannel ch = file) {
                sendFile(ch, f.offset(), f.length());
            }
        } else if (b instanceof ResponseBody.Streaming s) {
            OutgoingBody out = new OutgoingBody(conn, length);
            s.producer().writeTo(out);
            out.close();
            sent = out.written();
            if (!out.framedCompletely()) {
                return false;
            }
        }
        return keepAlive;
    }

    private static final byte[] CONNECTION_UPGRADE = "Connection: Upgrade\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /**
     * Writes the 101 head and runs the new protocol in this task: the bytes the client sent
     * after the request go to it, and the connection closes when it returns (exchangeDone).
     */
    private void upgrade(Response r, ResponseBody.Upgrade u) throws Exception {
        HeadWriter w = conn.server.heads;
        w.begin(status);
        w.standard(w.fields(r.headers(), false));
        w.raw(CONNECTION_UPGRADE);
        w.end();
        conn.transport.write(w.buffer());
        ByteBuffer leftover = conn.decoder.takeRemaining();
        u.session().run(conn.startUpgrade(u.session()), leftover);
    }

    /**
     * Sends a file region: zero-copy ({@code Transport.sendfile}, the kernel's sendfile) where
     * the transport can, else in chunks with drain between them (TLS), so a large file never
     * sits in memory. The chunked reads are blocking reads on the loop thread, served from the
     * page cache in the common case.
     */
    private void sendFile(FileChannel ch, long offset, long length) throws Exception {
        if (conn.transport.canSendfile()) {
            long n = conn.transport.sendfile(ch, offset, length);
            sent = n;
            if (n < length) {
                throw new java.io.EOFException(request + ": the file ended " + (length - n) + " bytes before the region did");
            }
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(FILE_CHUNK, Math.max(1, length)));
        long pos = offset;
        long left = length;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), left));
            int n = ch.read(chunk, pos);
            if (n < 0) {
                throw new java.io.EOFException(request + ": the file ended " + left + " bytes before the region did");
            }
            chunk.flip();
            conn.transport.write(chunk);
            pos += n;
            left -= n;
            sent += n;
            conn.drain();
        }
    }
}
