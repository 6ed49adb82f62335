package io.jasyncio.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jasyncio.bench.echo.EchoServerArgs;
import io.jasyncio.bench.echo.NettyOneLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Netty peer of the HTTP workloads: Netty's {@link HttpServerCodec} on the native epoll
 * transport with ONE event-loop thread that accepts and serves every connection (as jasyncio's
 * one loop thread does), and a handler in the shape of Netty's own HelloWorld HTTP example: a
 * full response per request, written at once and flushed when the read burst ends, keep-alive
 * as the request asks. {@code /json} serialises {@link JsonDocument} per request with Jackson
 * (Netty has no JSON of its own; Jackson is what a Netty service would use).
 */
public final class NettyHttpServer {
    private NettyHttpServer() {
    }

    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    /** Answers each request head; bodies (there are none) and the end-of-message markers are dropped. */
    @ChannelHandler.Sharable
    static final class Hello extends ChannelInboundHandlerAdapter {
        private final ObjectMapper mapper = new ObjectMapper();
        private final Map<String, Object> document = JsonDocument.build();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws JsonProcessingException {
            if (!(msg instanceof HttpRequest req)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            String uri = req.uri();
            ReferenceCountUtil.release(msg);
            FullHttpResponse res;
            if (uri.equals("/")) {
                res = response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(HELLO), "text/plain");
            } else if (uri.equals("/json")) {
                res = response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(mapper.writeValueAsBytes(document)),
                        "application/json");
            } else {
                res = response(HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER, "text/plain");
            }
            if (keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.write(res);
            } else {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, String contentType) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return res;
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
     * Usage: {@code NettyHttpServer [--port N] [--max-seconds S]} ({@link EchoServerArgs});
     * listens on 127.0.0.1, prints {@code PORT <n>}, serves until killed or the lifetime ends.
     * Exits with status 1 if the native epoll transport cannot load.
     */
    public static void main(String[] args) throws InterruptedException {
        Hello hello = new Hello();
        NettyOneLoop.serve(args, 1024, ch -> ch.pipeline().addLast(new HttpServerCodec(), hello));
    }
}
