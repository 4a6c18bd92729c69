package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.cdi.broken.RefusedClient;
import io.wssocket.cdi.broken.RefusedEndpoint;
import io.wssocket.cdi.broken.RefusingClientConfigurator;
import io.wssocket.cdi.broken.RefusingServerConfigurator;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.weld.EmbeddedCdi;
import jakarta.websocket.DeploymentException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A configurator CDI fails to create (here its @PostConstruct throws) is reported with CDI's
 * reason, not with the rule for plain construction, which it meets.
 */
@Timeout(30)
class ConfiguratorFailureTest {

    @Test
    void aServerEndpointsConfigurator() throws Exception {
        try (EmbeddedCdi cdi = EmbeddedCdi.start("refused", getClass().getClassLoader(), List.of(RefusedEndpoint.class));
             WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).build())) {
            assertThatThrownBy(() -> server.container().addEndpoint(RefusedEndpoint.class))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageStartingWith("endpoint " + RefusedEndpoint.class.getName() + ": CDI cannot create "
                            + RefusingServerConfigurator.class.getName())
                    .hasMessageContaining("no allowed origins configured")
                    .hasMessageNotContaining("no-argument");
        }
    }

    @Test
    void aClientEndpointsConfigurator() throws Exception {
        try (EmbeddedCdi cdi = EmbeddedCdi.start("refused", getClass().getClassLoader(), List.of(RefusedClient.class));
             WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).build())) {
            server.start();
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/none");
            assertThatThrownBy(() -> server.container().connectToServer(RefusedClient.class, uri))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageStartingWith("endpoint " + RefusedClient.class.getName() + ": CDI cannot create "
                            + RefusingClientConfigurator.class.getName())
                    .hasMessageContaining("no client token configured")
                    .hasMessageNotContaining("no-argument");
        }
    }
}
