package io.jasyncio.stream;

import io.jasyncio.Asyncio;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Name resolution off the loop thread, behind {@link Network#getAddrInfo} and {@link Network#getNameInfo}. */
final class Resolver {
    private Resolver() {
    }

    /** The addresses of {@code host} with {@code port}; literals and null (loopback) need no lookup. */
    static List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetAddress[] all;
        InetAddress literal = literal(host);
        if (literal != null) {
            all = new InetAddress[] {literal};
        } else {
            all = offLoop(() -> InetAddress.getAllByName(host));
        }
        List<InetSocketAddress> out = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    /** The host name of {@code address}, looked up off the loop thread (its text form if none). */
    static String hostName(InetAddress address) throws UnknownHostException {
        return offLoop(address::getCanonicalHostName);
    }

    private static InetAddress literal(String host) {
        if (host == null) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private interface Lookup<T> {
        T get() throws UnknownHostException;
    }

    private static <T> T offLoop(Lookup<T> lookup) throws UnknownHostException {
        try {
            return Asyncio.toThread(lookup::get);
        } catch (CompletionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw e;
        }
    }

    static UnknownHostException unknown(String host, int port, UnknownHostException e) {
        UnknownHostException named = new UnknownHostException("cannot resolve " + host + " (port " + port + "): " + e.getMessage());
        named.initCause(e);
        return named;
    }
}
