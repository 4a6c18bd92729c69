package io.wssocket.cdi;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running server on 127.0.0.1 with an ephemeral port for each test, into which the test
 * deploys packages of its fixtures as jars ({@link PackageJar}), as the bootstrap main deploys
 * them: each under its own class loader, the runtime finding the CDI glue on the test class path.
 * What is still deployed is undeployed after the test, and the jars deleted.
 */
final class DeployingServer implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<ServerConfig.Builder> options;
    private final List<Application> deployed = new ArrayList<>();
    private WebSocketServer server;
    private Path jars;

    private DeployingServer(UnaryOperator<ServerConfig.Builder> options) {
        this.options = options;
    }

    static DeployingServer create() {
        return new DeployingServer(UnaryOperator.identity());
    }

    /** @param options applied to the loopback configuration */
    static DeployingServer with(UnaryOperator<ServerConfig.Builder> options) {
        return new DeployingServer(options);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = WebSocketServer.create(options.apply(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)).build());
        server.start();
        jars = Files.createTempDirectory("wssocket-cdi-jars");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            deployed.forEach(Application::close);
            deployed.clear();
        } finally {
            server.close();
            deleteJars();
        }
    }

    private void deleteJars() {
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.toList()) {
                Files.delete(jar);
            }
            Files.delete(jars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test's jars in " + jars, e);
        }
    }

    /** The package of {@code sample} as {@code jarName}, deployed. */
    Application deploy(Class<?> sample, String jarName) throws IOException, DeploymentException {
        return deploy(sample, jarName, Map.of());
    }

    /** @param resources further entries of the jar, such as META-INF/beans.xml, by path */
    Application deploy(Class<?> sample, String jarName, Map<String, String> resources) throws IOException, DeploymentException {
        Path jar = PackageJar.of(sample, jars.resolve(jarName), resources);
        Application application = Application.deploy(jar, server.container(), DeployingServer.class.getClassLoader());
        deployed.add(application);
        return application;
    }

    /** Undeploys now, rather than after the test. */
    void undeploy(Application application) {
        deployed.remove(application);
        application.close();
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }
}
