package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A decoder of an annotated endpoint lives as long as one session: created and initialised as the
 * session opens, destroyed as it closes (Jakarta WebSocket 2.2 Decoder.init/destroy).
 */
@Timeout(30)
class DecoderLifecycleTest {

    static final AtomicInteger INSTANCES = new AtomicInteger();
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    public record Shout(String text) {
    }

    /** Numbers its instances and records "init N" and "destroy N". */
    public static class ShoutDecoder implements Decoder.Text<Shout> {
        private final int number = INSTANCES.incrementAndGet();

        @Override
        public void init(EndpointConfig config) {
            EVENTS.add("init " + number);
        }

        @Override
        public void destroy() {
            EVENTS.add("destroy " + number);
        }

        @Override
        public Shout decode(String s) {
            return new Shout(s.toUpperCase());
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    @ServerEndpoint(value = "/shout", decoders = ShoutDecoder.class)
    public static class Shouting {
        @OnMessage
        public String shout(Shout shout) {
            return shout.text();
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> c.addEndpoint(Shouting.class));

    @BeforeEach
    void resetTheRecord() {
        INSTANCES.set(0);
        EVENTS.clear();
    }

    private static String nextEvent() throws InterruptedException {
        String event = EVENTS.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("a decoder event within 5 s").isNotNull();
        return event;
    }

    @Test
    void initIsCalledOnceAtOpenAndDestroyOnceAtClose() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/shout"))) {
            assertThat(nextEvent()).isEqualTo("init 1");
            client.send("hey");
            assertThat(client.next(5)).isEqualTo("HEY");
            client.send("again");
            assertThat(client.next(5)).isEqualTo("AGAIN");
            assertThat(EVENTS).as("no more decoder events while the session is open").isEmpty();
            client.ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            client.closed.get(5, TimeUnit.SECONDS);
        }
        assertThat(nextEvent()).isEqualTo("destroy 1");
        assertThat(EVENTS.poll(200, TimeUnit.MILLISECONDS)).as("destroyed only once").isNull();
        assertThat(INSTANCES).hasValue(1);
    }

    @Test
    void twoSessionsHaveTwoDecoderInstances() throws Exception {
        try (JdkClient first = JdkClient.connect(server.uri("/shout"))) {
            assertThat(nextEvent()).isEqualTo("init 1");
            try (JdkClient second = JdkClient.connect(server.uri("/shout"))) {
                assertThat(nextEvent()).isEqualTo("init 2");
                second.send("b");
                assertThat(second.next(5)).isEqualTo("B");
                second.ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
                second.closed.get(5, TimeUnit.SECONDS);
            }
            assertThat(nextEvent()).as("closing the second session destroys its decoder only").isEqualTo("destroy 2");
            first.send("a");
            assertThat(first.next(5)).as("the first session's decoder still works").isEqualTo("A");
            first.ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            first.closed.get(5, TimeUnit.SECONDS);
        }
        assertThat(nextEvent()).isEqualTo("destroy 1");
        assertThat(INSTANCES).hasValue(2);
        assertThat(List.copyOf(EVENTS)).isEmpty();
    }
}
