package io.wssocket.deploy;

import io.wssocket.test.ApplicationFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.deploy.broken.UnconstructableApplication;
import io.wssocket.deploy.halfbroken.HalfBrokenApplication;
import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Applications are found by their class index and run under their own class loader. */
@Timeout(30)
class ApplicationDeploymentTest {
    @TempDir
    Path tmp;

    private WebSocketServer server;
    /** The test's own loader plays the runtime's: it holds the API and, unlike an application's parent, everything else. */
    private final ClassLoader runtime = ApplicationDeploymentTest.class.getClassLoader();

    @BeforeEach
    void setUp() throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    @Test
    void aClassDirectoryIsDeployedAsItsServerApplicationConfigSays() throws Exception {
        Path app = classes(tmp.resolve("greeting"), GreetingEndpoint.class, GreetingApplication.class);
        try (Application application = Application.deploy(app, server.container(), runtime)) {
            assertThat(application.paths()).containsExactly("/greet");
            server.start();
            assertGreets("app:greeting");
        }
    }

    @Test
    void aJarWorksLikeADirectory() throws Exception {
        Path jar = jar(tmp.resolve("greeting.jar"), GreetingEndpoint.class, GreetingApplication.class);
        try (Application application = Application.deploy(jar, server.container(), runtime)) {
            server.start();
            assertGreets("app:greeting.jar");
        }
    }

    @Test
    void anApplicationSeesTheApiButNotTheRuntimeNorOtherApplications() throws Exception {
        Path app = classes(tmp.resolve("greeting"), GreetingEndpoint.class, GreetingApplication.class);
        try (Application application = Application.deploy(app, server.container(), runtime)) {
            ClassLoader loader = application.classLoader();
            assertThat(loader.loadClass("jakarta.websocket.Endpoint")).isSameAs(jakarta.websocket.Endpoint.class);
            assertThat(loader.loadClass(GreetingEndpoint.class.getName())).isNotSameAs(GreetingEndpoint.class);
            assertThatThrownBy(() -> loader.loadClass(WebSocketServer.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass(ApplicationDeploymentTest.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void anApplicationIsServedUnderItsContextPath() throws Exception {
        Path app = classes(tmp.resolve("chat"), GreetingEndpoint.class, GreetingApplication.class);
        try (Application application = Application.deploy(ApplicationSource.of(app, "/chat"), server.container(), runtime)) {
            assertThat(application.paths()).containsExactly("/chat/greet");
            server.start();
            assertGreets("/chat/greet", "app:chat");
            assertThat(statusOf("/greet")).isEqualTo(404);
        }
    }

    @Test
    void anExplodedWebApplicationUsesClassesAndLibJars() throws Exception {
        Path war = tmp.resolve("war");
        classes(war.resolve("WEB-INF/classes"), GreetingEndpoint.class);
        Files.createDirectories(war.resolve("WEB-INF/lib"));
        jar(war.resolve("WEB-INF/lib/config.jar"), GreetingApplication.class);
        try (Application application = Application.deploy(ApplicationSource.ofExplodedWar("shop", war, "/shop"),
                server.container(), runtime)) {
            server.start();
            assertGreets("/shop/greet", "app:shop");
        }
    }

    @Test
    void anApplicationWithOneBadEndpointServesNone() throws Exception {
        Path app = classes(tmp.resolve("half"), GreetingEndpoint.class, HalfBrokenApplication.class);
        assertThatThrownBy(() -> Application.deploy(app, server.container(), runtime))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("'/twice' is already taken");
        server.start();
        assertThat(statusOf("/good")).isEqualTo(404);
    }

    @Test
    void undeployingClosesSessionsWithGoingAwayAndRedeployingServesAgain() throws Exception {
        Path app = classes(tmp.resolve("greeting"), GreetingEndpoint.class, GreetingApplication.class);
        Application application = Application.deploy(app, server.container(), runtime);
        server.start();
        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/greet"))) {
            application.close();
            assertThat(client.closed.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(new JdkClient.Close(1001, "application undeployed"));
        }
        assertThat(statusOf("/greet")).isEqualTo(404);
        try (Application again = Application.deploy(app, server.container(), runtime)) {
            assertGreets("app:greeting");
        }
    }

    @Test
    void anApplicationWithNothingToDeployIsRefusedByName() throws Exception {
        Path empty = classes(tmp.resolve("empty"));
        assertThatThrownBy(() -> Application.deploy(empty, server.container(), runtime))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("empty").hasMessageContaining("no endpoints to deploy");
    }

    @Test
    void aConfigWithoutNoArgumentConstructorIsRefusedWithTheRule() throws Exception {
        Path broken = classes(tmp.resolve("broken"), UnconstructableApplication.class);
        assertThatThrownBy(() -> Application.deploy(broken, server.container(), runtime))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(UnconstructableApplication.class.getName())
                .hasMessageContaining("public no-argument constructor");
    }

    @Test
    void twoApplicationsCannotTakeTheSamePath() throws Exception {
        Path first = classes(tmp.resolve("first"), GreetingEndpoint.class, GreetingApplication.class);
        Path second = classes(tmp.resolve("second"), GreetingEndpoint.class, GreetingApplication.class);
        try (Application ignored = Application.deploy(first, server.container(), runtime)) {
            assertThatThrownBy(() -> Application.deploy(second, server.container(), runtime))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("'/greet' is already taken");
        }
    }

    private void assertGreets(String loaderName) throws Exception {
        assertGreets("/greet", loaderName);
    }

    private void assertGreets(String path, String loaderName) throws Exception {
        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + path))) {
            client.send("tester");
            assertThat(client.next(5)).isEqualTo("hello tester from " + loaderName + " in " + loaderName);
        }
    }

    /** The HTTP status of an upgrade request for {@code path}. */
    private int statusOf(String path) throws IOException {
        try (io.wssocket.test.RawWebSocket raw = io.wssocket.test.RawWebSocket.connect(server.port())) {
            raw.sendRaw(io.wssocket.test.RawWebSocket.upgradeRequest(path, io.wssocket.test.RawWebSocket.newKey()));
            return raw.readHttpResponse().status();
        }
    }

    /** Copies the compiled classes into a fresh class directory. */
    static Path classes(Path dir, Class<?>... types) throws IOException {
        return ApplicationFiles.of(types).writeDirectory(dir);
    }

    static Path jar(Path jar, Class<?>... types) throws IOException {
        return ApplicationFiles.of(types).writeJar(jar);
    }
}
