package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.Announcer;
import io.wssocket.cdi.app.Lifecycle;
import io.wssocket.cdi.app.PerCallback;
import io.wssocket.cdi.app.PerConnection;
import io.wssocket.cdi.app.ScopesEndpoint;
import io.wssocket.cdi.app.SessionEventLog;
import io.wssocket.test.JdkClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session events for observers, and OpenSessions for code outside the endpoints. */
@Timeout(30)
class SessionEventsTest {
    @RegisterExtension
    static final CdiServer server = CdiServer.with(
            List.of(ScopesEndpoint.class, PerCallback.class, PerConnection.class, SessionEventLog.class,
                    Announcer.class),
            List.of(ScopesEndpoint.class));

    @Test
    void observersSeeEachSessionOpenAndClose() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/scopes"))) {
            client.ask("hi");
            assertThat(Lifecycle.EVENTS).anyMatch(e -> e.startsWith("opened /scopes "));
            client.ws.sendClose(4000, "bye").join();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.EVENTS.stream().anyMatch(e -> e.startsWith("closed /scopes ")));
        String opened = Lifecycle.EVENTS.stream().filter(e -> e.startsWith("opened")).findFirst().orElseThrow();
        String id = opened.substring(opened.lastIndexOf(' ') + 1);
        assertThat(Lifecycle.EVENTS).contains("closed /scopes " + id + " 4000");
    }

    @Test
    void aBeanBroadcastsToEveryOpenSessionOfAPath() throws Exception {
        Announcer announcer = server.cdi().beanManager().createInstance().select(Announcer.class).get();
        try (JdkClient first = JdkClient.connect(server.uri("/scopes"));
             JdkClient second = JdkClient.connect(server.uri("/scopes"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> announcer.listeners() == 2);
            assertThat(announcer.announce("news")).isEqualTo(2);
            assertThat(first.next(5)).isEqualTo("news");
            assertThat(second.next(5)).isEqualTo("news");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> announcer.listeners() == 0);
    }
}
