package io.jasyncio.bench.client;

import io.jasyncio.bench.BenchReport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Netty peer of the {@code http-client} workload: Netty's native epoll transport with ONE
 * event-loop thread (as jasyncio has one loop thread), {@code concurrency} keep-alive connections,
 * each a pipeline of {@link HttpClientCodec} and {@link HttpObjectAggregator} that sends the next
 * GET as soon as a response is whole, until the count is used up. Netty has no connection pool
 * or client session of its own in the core library, so this is the lower bound of what a client
 * on Netty costs: no pool, no redirects, no decoding beyond the framing.
 */
public final class NettyHttpClientBench {
    private NettyHttpClientBench() {
    }

    /** The largest body the aggregator accepts: far above the workload's small file. */
    private static final int MAX_BODY = 1 << 20;

    /** Usage: {@link ClientArgs}; prints the result line. Exits with status 1 if epoll cannot load. */
    public static void main(String[] args) throws Exception {
        ClientArgs a = ClientArgs.parse(args);
        if (!Epoll.isAvailable()) {
            System.err.println("error: Netty's native epoll transport is not available: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            if (a.warmup() > 0) {
                fetchAll(group, a, a.warmup());
            }
            long cpu = ClientCpu.nanos();
            long start = System.nanoTime();
            fetchAll(group, a, a.n());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuUs = ClientCpu.usPerRequest(cpu, ClientCpu.nanos(), a.n());
            BenchReport.of("http-client", "netty", a.n()).put("requests", a.n()).put("seconds", seconds)
                    .put("req_per_s", a.n() / seconds).put("concurrency", a.concurrency())
                    .put("warmup_requests", a.warmup()).put("client_cpu_us_per_req", cpuUs).print();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Runs {@code count} GETs over min(concurrency, count) connections opened for them, then closes them. */
    private static void fetchAll(EventLoopGroup group, ClientArgs a, int count) throws InterruptedException {
        int connections = Math.min(a.concurrency(), count);
        CountDownLatch done = new CountDownLatch(count);
        int[] left = {count}; // touched on the one event-loop thread only
        String host = a.url().getHost();
        int port = a.url().getPort();
        String target = a.url().getRawPath() + (a.url().getRawQuery() == null ? "" : "?" + a.url().getRawQuery());
        Bootstrap b = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                        BenchReport.check(r.status().code() == 200, "status " + r.status());
                                        int length = r.content().readableBytes();
                                        BenchReport.check(a.expectBytes() < 0 || length == a.expectBytes(),
                                                "body of " + length + " bytes");
                                        done.countDown();
                                        if (left[0] > 0) {
                                            left[0]--;
                                            ctx.writeAndFlush(request(host, port, target));
                                        } else {
                                            ctx.close();
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        BenchReport.check(false, "connection failed: " + cause);
                                    }
                                });
                    }
                });
        Channel[] channels = new Channel[connections];
        for (int i = 0; i < connections; i++) {
            channels[i] = b.connect(host, port).sync().channel();
        }
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> {
                left[0]--;
                ch.writeAndFlush(request(host, port, target));
            });
        }
        done.await();
        for (Channel ch : channels) {
            ch.closeFuture().await(10, TimeUnit.SECONDS);
        }
    }

    private static FullHttpRequest request(String host, int port, String target) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        r.headers().set(HttpHeaderNames.HOST, host + ":" + port);
        return r;
    }
}
