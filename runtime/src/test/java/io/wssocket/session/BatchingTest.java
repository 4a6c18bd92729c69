package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batching on a remote (Jakarta WebSocket 2.2 RemoteEndpoint): what is batched arrives, in order, once flushed. */
@Timeout(30)
class BatchingTest {

    /** For "basic N" or "async N": sends N numbered messages with batching allowed, then ends the batch. */
    public static class Batching extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, command -> {
                try {
                    String[] words = command.split(" ");
                    int count = Integer.parseInt(words[1]);
                    RemoteEndpoint remote = words[0].equals("basic") ? session.getBasicRemote() : session.getAsyncRemote();
                    boolean before = remote.getBatchingAllowed();
                    remote.setBatchingAllowed(true);
                    boolean during = remote.getBatchingAllowed();
                    List<Future<Void>> sent = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        if (remote instanceof RemoteEndpoint.Basic basic) {
                            basic.sendText("m" + i);
                        } else {
                            // a batched send may complete only once the batch is flushed: wait after flushing
                            sent.add(((RemoteEndpoint.Async) remote).sendText("m" + i));
                        }
                    }
                    if (words.length > 2 && words[2].equals("disable")) {
                        remote.setBatchingAllowed(false); // ends the batch: must flush what it holds
                    } else {
                        remote.flushBatch();
                    }
                    for (Future<Void> future : sent) {
                        future.get(5, TimeUnit.SECONDS);
                    }
                    session.getBasicRemote().sendText("batching was " + before + ", then " + during
                            + ", now " + remote.getBatchingAllowed());
                    remote.setBatchingAllowed(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(Batching.class, "/batch").build()));

    private static void assertNumberedMessages(JdkClient client, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            assertThat(client.next(5)).isEqualTo("m" + i);
        }
    }

    @Test
    void batchedBasicSendsAllArriveInOrderAfterFlushBatch() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/batch"))) {
            client.send("basic 20");
            assertNumberedMessages(client, 20);
            assertThat(client.next(5)).isEqualTo("batching was false, then true, now true");
        }
    }

    @Test
    void batchedAsyncSendsAllArriveInOrderAfterFlushBatch() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/batch"))) {
            client.send("async 20");
            assertNumberedMessages(client, 20);
            assertThat(client.next(5)).isEqualTo("batching was false, then true, now true");
        }
    }

    @Test
    void disallowingBatchingFlushesTheBatch() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/batch"))) {
            client.send("basic 5 disable");
            assertNumberedMessages(client, 5);
            assertThat(client.next(5)).isEqualTo("batching was false, then true, now false");
        }
    }
}
