package io.jasyncio.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How the Netty peers serve: Netty's native epoll transport with ONE event-loop thread that both
 * accepts and serves every connection (as jasyncio's one loop thread does), TCP_NODELAY on, on
 * 127.0.0.1, for the lifetime {@link EchoServerArgs} give. Shared by the echo and HTTP peers, so
 * that they differ only in their pipelines.
 */
public final class NettyOneLoop {
    private NettyOneLoop() {
    }

    /**
     * Parses {@code args} ({@link EchoServerArgs}), listens, prints {@code PORT <n>}, serves until
     * killed or the lifetime ends, then exits the JVM. Exits with status 1 if the native epoll
     * transport cannot load.
     *
     * @param backlog the listen backlog
     * @param pipeline adds the handlers of each accepted connection
     * @throws InterruptedException if interrupted while binding or serving
     */
    public static void serve(String[] args, int backlog, Consumer<EpollSocketChannel> pipeline) throws InterruptedException {
        EchoServerArgs a = EchoServerArgs.parse(args);
        if (!Epoll.isAvailable()) {
            System.err.println("error: Netty's native epoll transport is not available: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(group) // the same single thread accepts and serves
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, backlog)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                        @Override
                        protected void initChannel(EpollSocketChannel ch) {
                            pipeline.accept(ch);
                        }
                    })
                    .bind("127.0.0.1", a.port()).sync().channel();
            EchoServerArgs.announce(((InetSocketAddress) listener.localAddress()).getPort());
            listener.closeFuture().await(a.maxLifetime().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }
}
