package io.jasyncio.bench.echo;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The native transport a Netty peer serves on: {@code epoll} (issue 5's peer) or {@code io_uring}
 * (issue 11's, Netty 4.2's io.netty.channel.uring). Chosen on a server's command line with
 * {@code --transport epoll|io_uring}; the same handlers run on either.
 */
public enum NettyTransport {
    /** Netty's native epoll transport (io.netty.channel.epoll). */
    EPOLL("epoll"),
    /** Netty's native io_uring transport (io.netty.channel.uring, Netty 4.2). */
    IO_URING("io_uring");

    /** The option that names the transport on a Netty server's command line. */
    public static final String OPTION = "--transport";

    /** The name on the command line. */
    public final String id;

    NettyTransport(String id) {
        this.id = id;
    }

    /**
     * The transport named {@code name}.
     *
     * @throws IllegalArgumentException if it is neither epoll nor io_uring
     */
    public static NettyTransport parse(String name) {
        for (NettyTransport t : values()) {
            if (t.id.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown Netty transport '" + name + "'; known: epoll, io_uring");
    }

    /**
     * The transport {@code args} name with {@link #OPTION} (epoll when absent).
     *
     * @throws IllegalArgumentException if the option has no value or an unknown one
     */
    public static NettyTransport of(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(OPTION + " needs a value");
                }
                return parse(args[i + 1]);
            }
        }
        return EPOLL;
    }

    /** {@code args} without {@link #OPTION} and its value: what {@link EchoServerArgs#parse} takes. */
    public static String[] without(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION)) {
                i++;
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** Why Netty's native library for this transport cannot run here, or null if it can. */
    public String unavailabilityCause() {
        Throwable cause = switch (this) {
            case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
            case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
        };
        return cause == null ? null : String.valueOf(cause);
    }

    /** The event-loop handler factory of this transport. */
    IoHandlerFactory handlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
        };
    }

    /** The listening channel class of this transport. */
    Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
        };
    }

    /**
     * Probe: {@code NettyTransport epoll|io_uring} prints {@code available} or
     * {@code unavailable <cause>} and exits with status 0 either way (the harness runs it with
     * the Netty server's flags and class path before it starts any Netty io_uring server).
     */
    public static void main(String[] args) {
        NettyTransport t = parse(args.length > 0 ? args[0] : "epoll");
        String cause;
        try {
            cause = t.unavailabilityCause();
        } catch (LinkageError | RuntimeException e) {
            cause = "loading Netty's " + t.id + " transport failed: " + e;
        }
        System.out.println(cause == null ? "available" : "unavailable " + cause.replace('\n', ' '));
    }
}
