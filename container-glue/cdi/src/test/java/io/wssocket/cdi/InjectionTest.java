package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.AuditInterceptor;
import io.wssocket.cdi.app.Audited;
import io.wssocket.cdi.app.Greeter;
import io.wssocket.cdi.app.GreetingClient;
import io.wssocket.cdi.app.GreetingEndpoint;
import io.wssocket.cdi.app.Lifecycle;
import io.wssocket.cdi.app.Shared;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Endpoints, encoders, decoders, configurators and client endpoints are created and injected by CDI. */
@Timeout(30)
class InjectionTest {
    @RegisterExtension
    static final CdiServer server = CdiServer.with(
            List.of(Greeter.class, GreetingEndpoint.class, Audited.class, AuditInterceptor.class, Shared.class,
                    GreetingClient.class),
            List.of(GreetingEndpoint.class, Shared.class));

    @Test
    void constructorFieldAndInitializerInjectionReachTheEndpointAndItsEncoderAndDecoder() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/greeting"))) {
            // decoder (field-injected) → endpoint (three injections) → encoder (initializer-injected)
            assertThat(client.ask(" bob ")).isEqualTo("HELLO HELLO BOB / TRUE / TRUE");
        }
    }

    @Test
    void theConfiguratorIsInjected() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.server().port())) {
            raw.sendRaw(RawWebSocket.upgradeRequest("/greeting", RawWebSocket.newKey()));
            RawWebSocket.HttpResponse response = raw.readHttpHead();
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("X-Greeting")).isEqualTo("hello handshake");
        }
    }

    @Test
    void anInterceptorBoundToOnMessageRunsAroundIt() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/greeting"))) {
            client.ask("ann");
            client.ask("bea");
        }
        assertThat(Lifecycle.EVENTS).containsSubsequence("endpoint constructed", "audited onMessage", "audited onMessage");
    }

    @Test
    void eachConnectionGetsItsOwnEndpointInstanceDestroyedWhenItCloses() throws Exception {
        int deploymentInstances = server.cdi().application().liveInstances(); // the configurator lives as long as the endpoint
        try (JdkClient first = JdkClient.connect(server.uri("/greeting"));
             JdkClient second = JdkClient.connect(server.uri("/greeting"))) {
            first.ask("a");
            second.ask("b");
            assertThat(Lifecycle.countOf("endpoint constructed")).isEqualTo(2);
            assertThat(Lifecycle.countOf("endpoint destroyed")).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.countOf("endpoint destroyed") == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.countOf("decoder destroyed") == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cdi().application().liveInstances() == deploymentInstances);
    }

    @Test
    void anApplicationScopedEndpointIsOneInstanceForEveryConnection() throws Exception {
        try (JdkClient first = JdkClient.connect(server.uri("/shared"));
             JdkClient second = JdkClient.connect(server.uri("/shared"))) {
            assertThat(first.ask("x")).isEqualTo("shared 1");
            assertThat(second.ask("x")).isEqualTo("shared 2");
        }
    }

    @Test
    void aClientEndpointClassIsCreatedAndInjectedAndDestroyedAtClose() throws Exception {
        GreetingClient.RECEIVED.clear();
        Session session = server.server().container().connectToServer(GreetingClient.class, server.uri("/greeting"));
        session.getBasicRemote().sendText("carl");
        // The endpoint answers with its encoder's text, which the client decodes with its (injected) decoder.
        assertThat(GreetingClient.RECEIVED.poll(5, TimeUnit.SECONDS)).isEqualTo("hello HELLO HELLO CARL / TRUE / TRUE");
        session.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.countOf("client destroyed") == 1);
    }
}
