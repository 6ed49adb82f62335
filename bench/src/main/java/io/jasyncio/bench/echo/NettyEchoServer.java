package io.jasyncio.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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

/**
 * The Netty peer of the echo workloads: Netty's native epoll transport with ONE event-loop
 * thread that both accepts and serves every connection (as jasyncio's one loop thread does),
 * writing back each buffer it reads and flushing when the read burst ends, the way Netty's own
 * EchoServer example does. Buffers come from Netty's default (pooled) allocator.
 */
public final class NettyEchoServer {
    private NettyEchoServer() {
    }

    /** Writes back every buffer read; flushes once per read burst. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg); // the buffer is released once written
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Usage: {@code NettyEchoServer [--port N] [--max-seconds S]} ({@link EchoServerArgs});
     * listens on 127.0.0.1, prints {@code PORT <n>}, serves until killed or the lifetime ends.
     * Exits with status 1 if the native epoll transport cannot load.
     */
    public static void main(String[] args) throws InterruptedException {
        EchoServerArgs a = EchoServerArgs.parse(args);
        if (!Epoll.isAvailable()) {
            System.err.println("error: Netty's native epoll transport is not available: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        Echo echo = new Echo();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(group) // the same single thread accepts and serves
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                        @Override
                        protected void initChannel(EpollSocketChannel ch) {
                            ch.pipeline().addLast(echo);
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
