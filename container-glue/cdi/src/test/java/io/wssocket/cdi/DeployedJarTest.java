package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import example.cdi.jar.CountingEndpoint;
import io.wssocket.deploy.Application;
import io.wssocket.test.JdkClient;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A jar of annotated endpoints and beans, without beans.xml, deployed through Application.deploy
 * under its own class loader: the runtime finds the glue and starts Weld for it.
 */
@Timeout(60)
class DeployedJarTest {
    @RegisterExtension
    final DeployingServer server = DeployingServer.create();

    @Test
    void anAnnotatedJarJustWorks() throws Exception {
        Application application = server.deploy(CountingEndpoint.class, "count.jar");
        assertThat(application.paths()).containsExactly("/count");
        URI uri = server.uri("/count");
        // A client's handshake completes before its session's onOpen has run: each answer is asked
        // for only once the sessions it counts have answered before.
        try (JdkClient ann = JdkClient.connect(uri)) {
            assertThat(ann.ask("name ann")).isEqualTo("ann 1 of 1 app:count.jar");
            try (JdkClient bob = JdkClient.connect(uri)) {
                assertThat(bob.ask("hello")).isEqualTo("stranger 2 of 2 app:count.jar");
                assertThat(ann.ask("again")).isEqualTo("ann 3 of 2 app:count.jar");
            }
        }
    }
}
