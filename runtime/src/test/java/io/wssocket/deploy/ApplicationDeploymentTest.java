package io.wssocket.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.deploy.broken.UnconstructableApplication;
import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/greet"))) {
            client.send("tester");
            assertThat(client.next(5)).isEqualTo("hello tester from " + loaderName);
        }
    }

    /** Copies the compiled classes into a fresh class directory. */
    static Path classes(Path dir, Class<?>... types) throws IOException {
        Files.createDirectories(dir);
        for (Class<?> type : types) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target);
            }
        }
        return dir;
    }

    static Path jar(Path jar, Class<?>... types) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : types) {
                String resource = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
