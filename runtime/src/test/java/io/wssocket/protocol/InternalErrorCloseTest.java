package io.wssocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.EventLoopGroup;
import io.wssocket.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the runtime fails while handling a WebSocket connection on its event loop (an
 * OutOfMemoryError, a bug), the peer is told 1011 (RFC 6455 §7.4.1) before the connection
 * closes, and the session hears of it as an abnormal end with that code.
 */
@Timeout(30)
class InternalErrorCloseTest {
    private static final TransportConfig TRANSPORT = new TransportConfig(1, 4096, 1 << 20, 1 << 19, 1 << 22, true, 0);
    private static final ProtocolConfig PROTOCOL = new ProtocolConfig(false, 1 << 20, 1 << 20, 4096, 1000, 0, 0, 0, 0);

    @Test
    void anErrorOnTheLoopSends1011AndClosesTheConnection() throws Exception {
        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        CompletableFuture<Throwable> transportError = new CompletableFuture<>();
        try (EventLoopGroup loops = new EventLoopGroup("internal-error-test", TRANSPORT);
             ServerSocketChannel listener = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort())) {
            // The handshake is not the point here: the WebSocket protocol starts as soon as the socket is registered.
            loops.next().register(listener.accept(), new ConnectionHandler() {
                @Override
                public void onData(Connection connection, ByteBuffer in) {
                }

                @Override
                public void onInputClosed(Connection connection) {
                }

                @Override
                public long onTimer(Connection connection, long now) {
                    return 0;
                }

                @Override
                public void onClosed(Connection connection, Throwable cause) {
                }
            }, connection -> new WebSocketConnection(connection, PROTOCOL, 0, null)
                    .start(new FailingListener(closedWith, transportError)));
            RawWebSocket peer = RawWebSocket.over(client);

            peer.sendText("this text makes the listener run out of memory");

            assertThat(peer.readCloseFrame().code()).isEqualTo(1011);
            peer.awaitDisconnect(Duration.ofSeconds(5));
            assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1011);
            assertThat(transportError.get(5, TimeUnit.SECONDS)).isInstanceOf(OutOfMemoryError.class);
        }
    }

    /** Throws an OutOfMemoryError for the first text, as if gathering the message had exhausted the heap. */
    private record FailingListener(CompletableFuture<Integer> closedWith, CompletableFuture<Throwable> transportError)
            implements WebSocketListener {
        @Override
        public void onText(ByteBuffer chunk, boolean first, boolean last) {
            throw new OutOfMemoryError("injected while gathering a message");
        }

        @Override
        public void onBinary(ByteBuffer chunk, boolean first, boolean last) {
        }

        @Override
        public void onPong(ByteBuffer payload) {
        }

        @Override
        public void onClosed(int code, String reason) {
            closedWith.complete(code);
        }

        @Override
        public void onTransportError(Throwable error) {
            transportError.complete(error);
        }
    }
}
