package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handlers reading messages whose peers send slowly wait on those peers, like sends to peers that
 * do not read: the callback pool lends spare threads meanwhile, so with one callback thread and
 * several such readers another session is still served.
 */
@Timeout(60)
class StreamedMessageThreadsTest {
    static final int WAITING_READERS = 3;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.option("virtual-threads", "false")
                    .option("callback-threads", "1"),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(StreamedMessageTest.Counting.class, "/count").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            });

    @Test
    void readersWaitingForTheirPeersDoNotTakeTheOnlyCallbackThread() throws Exception {
        StreamedMessageTest.gate = new CountDownLatch(0);
        List<RawWebSocket> slowSenders = new ArrayList<>();
        try {
            for (int i = 0; i < WAITING_READERS; i++) {
                StreamedMessageTest.invoked = new CountDownLatch(1);
                RawWebSocket sender = RawWebSocket.open(server.port(), "/count");
                slowSenders.add(sender);
                sender.sendFrame(false, RawWebSocket.BINARY, new byte[] {1, 2, 3}); // and nothing more for now
                assertThat(StreamedMessageTest.invoked.await(10, TimeUnit.SECONDS)).as("reader %d called", i).isTrue();
            }
            try (RawWebSocket other = RawWebSocket.open(server.port(), "/echo")) {
                other.sendText("still served");
                assertThat(other.readFrame().text()).isEqualTo("still served");
            }
            for (RawWebSocket sender : slowSenders) {
                sender.sendFrame(true, RawWebSocket.CONTINUATION, new byte[] {4});
                assertThat(sender.readFrame().text()).startsWith("4 ");
            }
        } finally {
            for (RawWebSocket sender : slowSenders) {
                sender.close();
            }
        }
    }
}
