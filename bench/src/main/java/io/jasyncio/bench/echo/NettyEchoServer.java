package io.jasyncio.bench.echo;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The Netty peers of the echo workloads: Netty's native epoll transport, or with
 * {@code --transport io_uring} its io_uring transport (issue 11), with ONE event-loop
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
     * Usage: {@code NettyEchoServer [--transport epoll|io_uring] [--port N] [--max-seconds S]}
     * ({@link NettyTransport}, {@link EchoServerArgs}); listens on 127.0.0.1, prints
     * {@code PORT <n>}, serves until killed or the lifetime ends. Exits with status 1 if the
     * native transport cannot load.
     */
    public static void main(String[] args) throws InterruptedException {
        Echo echo = new Echo();
        NettyOneLoop.serve(args, 100, ch -> ch.pipeline().addLast(echo));
    }
}
