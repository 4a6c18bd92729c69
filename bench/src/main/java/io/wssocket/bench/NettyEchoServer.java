package io.wssocket.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Netty 4.2's own WebSocket codec, no Jakarta layer: the reference for what the bare protocol costs
 * on the JVM. The same two endpoints as the Jakarta servers: {@code /echo} writes each whole
 * message back, {@code /broadcast} writes each to every open connection of that path. Netty's
 * default event loop (threads sized to the CPUs the JVM sees), one flush per message as a basic
 * remote does; whole messages through {@link WebSocketFrameAggregator} as the Jakarta handlers
 * for whole messages get them.
 *
 * <p>With {@code -Dbench.deflate=true} (the permessage-deflate scenarios only) Netty's
 * {@link WebSocketServerCompressionHandler} joins the pipeline with its defaults: it accepts an
 * offer of permessage-deflate and keeps its compression context across messages unless the
 * client asks otherwise.
 */
public final class NettyEchoServer implements PeerServer {

    /**
     * The largest HTTP request head and WebSocket message accepted: 1 MiB (what {@code /slow}
     * accepts on every server), or the echo's text limit when the runner raises it
     * ({@code -Dbench.echo.max-text}, the hostile scenario's 2 MiB blocked senders).
     */
    private static final int MAX_MESSAGE = Math.max(SlowEndpoint.MAX_MESSAGE, EchoEndpoint.MAX_TEXT_MESSAGE);

    /** Whether to negotiate permessage-deflate: {@code -Dbench.deflate=true}. */
    private static final boolean DEFLATE = Boolean.getBoolean(EchoEndpoint.DEFLATE_PROPERTY);

    /**
     * Where {@code /slow}'s handler runs: off the event loop, as a Jakarta container runs a
     * blocking handler, so the event loop goes on reading while it sleeps.
     */
    private EventExecutorGroup slowExecutor;

    private EventLoopGroup group;
    private Channel serverChannel;
    private final ChannelGroup broadcastChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("netty", args, NettyEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        SslContext tls = tlsContext();
        group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ChannelHandler echo = new EchoHandler();
        ChannelHandler broadcast = new BroadcastHandler(broadcastChannels);
        slowExecutor = new DefaultEventExecutorGroup(1);
        ChannelHandler slow = new SlowHandler();
        EventExecutorGroup slowGroup = slowExecutor;
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_MESSAGE),
                                new PathRouter(echo, broadcast, slow, slowGroup));
                    }
                })
                .bind(host, port).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * wss:// when the runner gives a keystore ({@link BenchTls}): Netty's {@code SslHandler} with
     * the JDK's provider, or netty-tcnative's BoringSSL with {@code -Dbench.tls.provider=openssl}
     * (which fails the start if it cannot load); TLS 1.3 only. Null for ws://.
     */
    private static SslContext tlsContext() throws Exception {
        Path keystore = BenchTls.serverKeystore();
        if (keystore == null) {
            return null;
        }
        SslProvider provider = BenchTls.openSsl() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.OPENSSL) {
            OpenSsl.ensureAvailability();
        }
        return SslContextBuilder.forServer(BenchTls.keyManagers(keystore, BenchTls.serverPassword()))
                .sslProvider(provider).protocols(BenchTls.PROTOCOL).build();
    }

    @Override
    public void stop() throws Exception {
        serverChannel.close().sync();
        group.shutdownGracefully().sync();
        slowExecutor.shutdownGracefully().sync();
    }

    /**
     * Picks the endpoint from the upgrade request's path, installs Netty's handshake and frame
     * handling for it, then leaves the pipeline; any other path gets 404.
     */
    private static final class PathRouter extends ChannelInboundHandlerAdapter {

        private final ChannelHandler echo;
        private final ChannelHandler broadcast;
        private final ChannelHandler slow;
        private final EventExecutorGroup slowExecutor;

        PathRouter(ChannelHandler echo, ChannelHandler broadcast, ChannelHandler slow, EventExecutorGroup slowExecutor) {
            this.echo = echo;
            this.broadcast = broadcast;
            this.slow = slow;
            this.slowExecutor = slowExecutor;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            ChannelHandler endpoint = switch (path) {
                case EchoEndpoint.PATH -> echo;
                case BroadcastEndpoint.PATH -> broadcast;
                case SlowEndpoint.PATH -> slow;
                default -> null;
            };
            if (endpoint == null) {
                request.release();
                ctx.writeAndFlush(new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ChannelPipeline pipeline = ctx.pipeline();
            if (DEFLATE) {
                // before the protocol handler: it answers the offer in the handshake response
                pipeline.addLast(new WebSocketServerCompressionHandler(MAX_MESSAGE));
            }
            pipeline.addLast(new WebSocketServerProtocolHandler(path, null, DEFLATE, MAX_MESSAGE),
                    new WebSocketFrameAggregator(MAX_MESSAGE));
            if (endpoint == slow) {
                addOffLoop(pipeline, slowExecutor, endpoint);
            } else {
                pipeline.addLast(endpoint);
            }
            pipeline.remove(this);
            ctx.fireChannelRead(request);
        }
    }

    /** Writes every whole data message back; the frame's buffer passes to the write. */
    @ChannelHandler.Sharable
    private static final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        EchoHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ctx.writeAndFlush(frame);
        }
    }

    /** Takes {@link SlowEndpoint#DELAY_MS} over every whole data message, on its own executor; answers nothing. */
    @ChannelHandler.Sharable
    private static final class SlowHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            SlowEndpoint.pause();
        }
    }

    /** Writes every whole data message to each connection of the path, counting failed writes. */
    @ChannelHandler.Sharable
    private static final class BroadcastHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private static final ChannelFutureListener COUNT_FAILURE = future -> {
            if (!future.isSuccess()) {
                SendFailures.increment();
            }
        };

        private final ChannelGroup channels;

        BroadcastHandler(ChannelGroup channels) {
            this.channels = channels;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                channels.add(ctx.channel()); // removed by the group itself when the channel closes
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            for (Channel channel : channels) {
                channel.writeAndFlush(frame.retainedDuplicate()).addListener(COUNT_FAILURE);
            }
        }
    }

    /**
     * Runs the handler on its own executor, off the event loop: how Netty applications keep a slow
     * handler from holding the loop, and what its slow-consumer scenario measures. Netty 4.2
     * deprecates executor groups in pipelines but keeps them working; the peer is measured the way
     * its users still write it.
     */
    @SuppressWarnings("deprecation")
    private static void addOffLoop(ChannelPipeline pipeline, EventExecutorGroup executor, ChannelHandler handler) {
        pipeline.addLast(executor, handler);
    }
}
