package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replies sent while more messages wait are held and written together (see InboundDispatcher),
 * but never kept from the peer while a handler blocks: a handler that sends and then waits for
 * something that needs the peer to have its reply must not wait forever.
 */
@Timeout(30)
class BatchedRepliesTest {
    static final CountDownLatch peerHasReply = new CountDownLatch(1);

    /** "wait" is answered, then the handler blocks until the peer has read the answer; others are echoed. */
    public static class SendThenBlockEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                try {
                    session.getBasicRemote().sendText("re: " + message);
                    if (message.equals("wait") && !peerHasReply.await(10, TimeUnit.SECONDS)) {
                        session.getBasicRemote().sendText("the reply was held while the handler blocked");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> { },
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(SendThenBlockEndpoint.class, "/block").build()));

    @Test
    void aReplyReachesThePeerWhileItsHandlerBlocks() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/block")) {
            // Sent together: the second message waits while the first is handled, so its reply is held at first.
            client.sendRaw(concat(frame("wait"), frame("next")));
            assertThat(client.readFrame().text()).isEqualTo("re: wait");
            peerHasReply.countDown();
            assertThat(client.readFrame().text()).isEqualTo("re: next");
        }
    }

    @Test
    void repliesToABurstArriveInOrder() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/block")) {
            byte[] burst = new byte[0];
            for (int i = 0; i < 200; i++) {
                burst = concat(burst, frame("m" + i));
            }
            client.sendRaw(burst);
            for (int i = 0; i < 200; i++) {
                assertThat(client.readFrame().text()).isEqualTo("re: m" + i);
            }
        }
    }

    private static byte[] frame(String text) {
        return RawWebSocket.frame(true, 0, 0x1, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
