package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads sending on one session: nothing is refused, lost, interleaved or reordered per thread. */
@Timeout(30)
class ConcurrentSendTest {
    static final int THREADS = 8;
    static final int PER_THREAD = 250;

    /** On "burst": THREADS threads send PER_THREAD messages each, half basic, half async; one sends a fragmented message. */
    public static class BurstEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, command -> {
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    threads.add(new Thread(() -> {
                        try {
                            start.await();
                            for (int i = 0; i < PER_THREAD; i++) {
                                String message = thread + ":" + i;
                                if (thread == 0 && i == PER_THREAD / 2) {
                                    // A message in parts holds off the others until its last part.
                                    for (int part = 0; part < 5; part++) {
                                        session.getBasicRemote().sendText(part == 0 ? message + "|" : "p" + part, part == 4);
                                    }
                                } else if (i % 2 == 0) {
                                    session.getBasicRemote().sendText(message);
                                } else {
                                    session.getAsyncRemote().sendText(message).get();
                                }
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                threads.forEach(Thread::start);
                start.countDown();
                for (Thread t : threads) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    session.getBasicRemote().sendText("done");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(BurstEndpoint.class, "/burst").build()));

    @Test
    void everyMessageArrivesWholeAndInOrderPerThread() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/burst"))) {
            client.send("burst");
            Map<Integer, Integer> nextPerThread = new HashMap<>();
            int received = 0;
            while (true) {
                String message = (String) client.next(20);
                if (message.equals("done")) {
                    break;
                }
                received++;
                String[] parts = message.split("[:|]");
                int thread = Integer.parseInt(parts[0]);
                int index = Integer.parseInt(parts[1]);
                assertThat(index).as("order of thread %d", thread).isEqualTo(nextPerThread.getOrDefault(thread, 0));
                nextPerThread.put(thread, index + 1);
                if (message.contains("|")) {
                    assertThat(message).isEqualTo(thread + ":" + index + "|p1p2p3p4");
                }
            }
            assertThat(received).isEqualTo(THREADS * PER_THREAD);
        }
    }
}
