package io.jasyncio.stream;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import io.jasyncio.WaitResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Connects a socket to the first of several addresses that answers, one after the other or with
 * Happy Eyeballs (RFC 8305): the connecting half of {@link Network#createConnection}.
 */
final class Connector {
    /*
     * Implementation notes.
     *
     * Sequential: each address in turn; every failure is kept, and if all fail the one failure
     * or all of them (as suppressed exceptions) are thrown, as asyncio's "Multiple exceptions".
     *
     * Happy Eyeballs (asyncio's staggered_race): addresses are interleaved by family, then an
     * attempt starts, and the next starts when the happy-eyeballs delay passes or an attempt
     * fails, whichever is first. The first attempt to connect wins; the others are cancelled and
     * awaited, so that every losing socket is closed before this returns. An attempt owns its
     * channel and closes it on any failure or cancellation.
     */
    private Connector() {
    }

    static SocketChannel connect(String host, List<InetSocketAddress> addresses, ConnectOptions options) throws IOException {
        if (options.happyEyeballsDelay() != null && addresses.size() > 1) {
            return race(host, interleave(addresses, options.interleave()), options);
        }
        List<IOException> errors = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            try {
                return attempt(a, options);
            } catch (IOException e) {
                errors.add(e);
            }
        }
        throw combine(host, addresses, errors);
    }

    /** One connect to {@code address}: a fresh channel, connected, or closed and the error thrown. */
    static SocketChannel attempt(InetSocketAddress address, ConnectOptions options) throws IOException {
        SocketChannel ch = SocketChannel.open(address.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            if (options.localAddress() != null) {
                ch.bind(options.localAddress());
            }
            if (options.connectTimeout() == null) {
                SocketOps.connect(ch, address);
            } else {
                try {
                    Asyncio.timeout(options.connectTimeout(), () -> SocketOps.connect(ch, address));
                } catch (AsyncTimeoutException e) {
                    SocketTimeoutException t = new SocketTimeoutException("connect to " + SocketOps.describe(address)
                            + " timed out after " + options.connectTimeout().toMillis() + " ms");
                    t.initCause(e);
                    throw t;
                }
            }
            ok = true;
            return ch;
        } finally {
            if (!ok) {
                SocketOps.close(ch);
            }
        }
    }

    private static SocketChannel race(String host, List<InetSocketAddress> addresses, ConnectOptions options) throws IOException {
        Deque<InetSocketAddress> todo = new ArrayDeque<>(addresses);
        List<Task<SocketChannel>> attempts = new ArrayList<>();
        List<IOException> errors = new ArrayList<>();
        SocketChannel winner = null;
        try {
            while (winner == null) {
                if (!todo.isEmpty()) {
                    InetSocketAddress a = todo.poll();
                    attempts.add(Asyncio.createTask(() -> attempt(a, options)));
                }
                List<Task<SocketChannel>> pending = attempts.stream().filter(t -> !t.isDone()).toList();
                if (pending.isEmpty()) {
                    if (todo.isEmpty()) {
                        break;
                    }
                    continue;
                }
                WaitResult<SocketChannel> r = Asyncio.waitFutures(pending, todo.isEmpty() ? null : options.happyEyeballsDelay(), ReturnWhen.FIRST_COMPLETED);
                for (Future<SocketChannel> f : r.done()) {
                    Throwable e = f.isCancelled() ? null : f.exception();
                    if (e == null && !f.isCancelled() && winner == null) {
                        winner = f.result();
                    } else if (e instanceof IOException io) {
                        errors.add(io);
                    } else if (e != null) {
                        throw new IOException("connect attempt failed: " + e, e);
                    }
                }
            }
        } finally {
            // Every losing attempt is ended and its socket closed before we return.
            for (Task<SocketChannel> t : attempts) {
                t.cancel();
            }
            try {
                for (Task<SocketChannel> t : attempts) {
                    SocketChannel other = settle(t);
                    if (other != null && other != winner) {
                        SocketOps.close(other);
                    }
                }
            } catch (CancelledError | RuntimeException | IOException e) {
                // Cancelled (or failed) while the losers settled: the caller gets no connection,
                // so the winner must not stay open either.
                if (winner != null) {
                    SocketOps.close(winner);
                }
                throw e;
            }
        }
        if (winner != null) {
            return winner;
        }
        throw combine(host, addresses, errors);
    }

    /** Waits for an attempt to end, whatever it ends with (shielded from our own cancellation). */
    private static SocketChannel settle(Task<SocketChannel> t) {
        if (!t.isDone()) {
            try {
                Asyncio.shield(t);
            } catch (CancelledError | RuntimeException e) {
                // Cancelled or failed: the attempt closed its own channel.
                if (e instanceof CancelledError c && !t.isDone()) {
                    throw c;
                }
            }
        }
        if (t.isDone() && !t.isCancelled() && t.exception() == null) {
            return t.result();
        }
        return null;
    }

    /** RFC 8305 section 4: first family first, then alternate, {@code firstCount} of the first at a time. */
    static List<InetSocketAddress> interleave(List<InetSocketAddress> addresses, int firstCount) {
        if (firstCount <= 0 || addresses.isEmpty()) {
            return addresses;
        }
        boolean firstIs6 = addresses.getFirst().getAddress() instanceof Inet6Address;
        Deque<InetSocketAddress> first = new ArrayDeque<>();
        Deque<InetSocketAddress> other = new ArrayDeque<>();
        for (InetSocketAddress a : addresses) {
            ((a.getAddress() instanceof Inet6Address) == firstIs6 ? first : other).add(a);
        }
        List<InetSocketAddress> out = new ArrayList<>(addresses.size());
        while (!first.isEmpty() || !other.isEmpty()) {
            for (int i = 0; i < firstCount && !first.isEmpty(); i++) {
                out.add(first.poll());
            }
            if (!other.isEmpty()) {
                out.add(other.poll());
            }
        }
        return out;
    }

    private static IOException combine(String host, List<InetSocketAddress> addresses, List<IOException> errors) {
        if (errors.size() == 1) {
            return errors.getFirst();
        }
        StringBuilder msg = new StringBuilder("could not connect to any of ").append(addresses.size()).append(" address(es)");
        if (host != null) {
            msg.append(" of ").append(host);
        }
        for (IOException e : errors) {
            msg.append("; ").append(e.getMessage());
        }
        IOException all;
        if (!errors.isEmpty() && errors.stream().allMatch(e -> e instanceof ConnectionRefusedException)) {
            all = new ConnectionRefusedException(msg.toString());
        } else if (!errors.isEmpty() && errors.getFirst() instanceof java.net.ConnectException) {
            all = new java.net.ConnectException(msg.toString());
        } else {
            all = new IOException(msg.toString());
        }
        for (IOException e : errors) {
            all.addSuppressed(e);
        }
        return all;
    }
}
