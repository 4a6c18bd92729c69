package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.Application;
import io.wssocket.deploy.ApplicationSource;
import io.wssocket.endpoint.app.AnnotatedGreeting;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap deployment path deploys @ServerEndpoint classes of an application without a ServerApplicationConfig (§6.2). */
@Timeout(30)
class AnnotatedDeploymentTest {
    @TempDir
    Path tmp;

    @Test
    void anApplicationWithOnlyAnAnnotatedClassIsDeployedUnderItsContextPath() throws Exception {
        Path app = tmp.resolve("hello");
        String resource = AnnotatedGreeting.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(app.resolve(resource).getParent());
        try (InputStream in = AnnotatedGreeting.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, app.resolve(resource));
        }
        try (WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
             Application application = Application.deploy(ApplicationSource.of(app, "/app"), server.container(),
                     AnnotatedDeploymentTest.class.getClassLoader())) {
            assertThat(application.paths()).containsExactly("/app/greet/{greeting}");
            server.start();
            try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/app/greet/hi"))) {
                client.send("ann");
                assertThat(client.next(5)).isEqualTo("hi ann from app:hello in app:hello");
            }
        }
    }
}
