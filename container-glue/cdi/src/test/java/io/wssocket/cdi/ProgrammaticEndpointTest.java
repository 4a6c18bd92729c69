package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import example.cdi.needy.NeedyApplication;
import example.cdi.needy.NeedyEndpoint;
import example.cdi.programmatic.GreetingApplication;
import io.wssocket.deploy.Application;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.DeploymentException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Programmatic endpoints ({@code Endpoint} subclasses chosen by a ServerApplicationConfig) in a
 * deployed jar: the container's default configurator has CDI create them (constructor and field
 * injection, @PreDestroy at close), also behind a configurator that overrides other methods; a
 * configurator that overrides getEndpointInstance is the one that creates them (Jakarta WebSocket
 * 2.2, Configurator.getEndpointInstance: overriding it may lose the container's injection). One
 * whose dependency is missing fails the deployment, as an annotated endpoint's does.
 */
@Timeout(60)
class ProgrammaticEndpointTest {
    @RegisterExtension
    final DeployingServer server = DeployingServer.create();

    @BeforeEach
    void deploy() throws Exception {
        Application application = server.deploy(GreetingApplication.class, "greeting.jar");
        assertThat(application.paths()).containsExactlyInAnyOrder("/greeting", "/configured", "/own");
    }

    @Test
    void theDefaultConfiguratorHasCdiInjectTheEndpointAndDestroyItAtClose() throws Exception {
        try (JdkClient ann = JdkClient.connect(server.uri("/greeting"))) {
            assertThat(ann.ask("ann")).isEqualTo("hello ann / 1 open");
            assertThat(ann.ask("destroyed")).isEqualTo("0");
        }
        try (JdkClient bob = JdkClient.connect(server.uri("/greeting"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(bob.ask("destroyed")));
        }
    }

    @Test
    void aConfiguratorThatOnlyModifiesTheHandshakeStillGetsTheEndpointFromCdi() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            raw.sendRaw(RawWebSocket.upgradeRequest("/configured", RawWebSocket.newKey()));
            RawWebSocket.HttpResponse response = raw.readHttpHead();
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("X-Configured")).isEqualTo("yes");
        }
        try (JdkClient carl = JdkClient.connect(server.uri("/configured"))) {
            // the raw connection's session may not have ended yet: both count
            assertThat(carl.ask("carl")).asString().matches("hello carl / [12] open");
        }
    }

    @Test
    void aConfiguratorThatCreatesTheEndpointIsHonoured() throws Exception {
        try (JdkClient dora = JdkClient.connect(server.uri("/own"))) {
            assertThat(dora.ask("dora")).isEqualTo("hello dora / not injected");
        }
        // Closed after dora's: once CDI has destroyed this one, it has destroyed no other.
        try (JdkClient eve = JdkClient.connect(server.uri("/greeting"))) {
            eve.ask("eve");
        }
        try (JdkClient fred = JdkClient.connect(server.uri("/greeting"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !"0".equals(fred.ask("destroyed")));
            assertThat(fred.ask("destroyed")).isEqualTo("1");
        }
    }

    @Test
    void anUnsatisfiedDependencyOfAProgrammaticEndpointFailsTheDeployment() {
        assertThatThrownBy(() -> server.deploy(NeedyApplication.class, "needy.jar"))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("WELD-001408")
                .hasMessageContaining("endpoint " + NeedyEndpoint.class.getName());
    }
}
