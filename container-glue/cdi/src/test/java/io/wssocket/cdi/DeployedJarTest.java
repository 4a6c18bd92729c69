package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import example.cdi.jar.CountingEndpoint;
import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar of annotated endpoints and beans, without beans.xml, deployed through Application.deploy
 * under its own class loader: the runtime finds the glue and starts Weld for it.
 */
@Timeout(60)
class DeployedJarTest {
    @TempDir
    Path tmp;

    private WebSocketServer server;

    @BeforeEach
    void setUp() {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void anAnnotatedJarJustWorks() throws Exception {
        Path jar = PackageJar.of(CountingEndpoint.class, tmp.resolve("count.jar"));
        try (Application application = Application.deploy(jar, server.container(), DeployedJarTest.class.getClassLoader())) {
            assertThat(application.paths()).containsExactly("/count");
            server.start();
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/count");
            try (JdkClient ann = JdkClient.connect(uri); JdkClient bob = JdkClient.connect(uri)) {
                assertThat(ann.ask("name ann")).isEqualTo("ann 1 of 2 app:count.jar");
                assertThat(bob.ask("hello")).isEqualTo("stranger 2 of 2 app:count.jar");
                assertThat(ann.ask("again")).isEqualTo("ann 3 of 2 app:count.jar");
            }
        }
    }
}
