package io.jasyncio.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How the Netty peers serve: Netty's native epoll transport, or its io_uring transport with
 * {@code --transport io_uring} ({@link NettyTransport}), with ONE event-loop thread that both
 * accepts and serves every connection (as jasyncio's one loop thread does), TCP_NODELAY on, on
 * 127.0.0.1, for the lifetime {@link EchoServerArgs} give. Shared by the echo and HTTP peers, so
 * that they differ only in their pipelines.
 */
public final class NettyOneLoop {
    private NettyOneLoop() {
    }

    /**
     * Parses {@code args} ({@link EchoServerArgs} and {@code --transport epoll|io_uring}), listens,
     * prints {@code PORT <n>}, serves until killed or the lifetime ends, then exits the JVM. Exits
     * with status 1 and Netty's reason if the native transport cannot load: a peer that fell
     * back to another transport would be measured under the wrong name.
     *
     * @param backlog the listen backlog
     * @param pipeline adds the handlers of each accepted connection
     * @throws InterruptedException if interrupted while binding or serving
     */
    public static void serve(String[] args, int backlog, Consumer<SocketChannel> pipeline) throws InterruptedException {
        NettyTransport transport = NettyTransport.of(args);
        EchoServerArgs a = EchoServerArgs.parse(NettyTransport.without(args));
        String cause = transport.unavailabilityCause();
        if (cause != null) {
            System.err.println("error: Netty's native " + transport.id + " transport is not available: " + cause);
            System.exit(1);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.handlerFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(group) // the same single thread accepts and serves
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, backlog)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            pipeline.accept(ch);
                        }
                    })
                    .bind("127.0.0.1", a.port()).sync().channel();
            System.err.println("serving on Netty's " + transport.id + " transport (" + listener.getClass().getSimpleName() + ")");
            EchoServerArgs.announce(((InetSocketAddress) listener.localAddress()).getPort());
            listener.closeFuture().await(a.maxLifetime().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }
}
