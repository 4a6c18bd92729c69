package io.wssocket.cdi;

import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.Lifecycle;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.weld.EmbeddedCdi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server on 127.0.0.1 with an ephemeral port whose endpoints are created by a Weld container
 * over the given test classes (the test's own class loader plays the application's), for the
 * test class; the fixtures' {@link Lifecycle} record is cleared before each test.
 */
final class CdiServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final List<Class<?>> beanClasses;
    private final List<Class<?>> endpoints;
    private final Consumer<ServerConfig.Builder> configure;
    private EmbeddedCdi cdi;
    private WebSocketServer server;
    private int deploymentInstances;

    private CdiServer(List<Class<?>> beanClasses, List<Class<?>> endpoints, Consumer<ServerConfig.Builder> configure) {
        this.beanClasses = beanClasses;
        this.endpoints = endpoints;
        this.configure = configure;
    }

    /** @param endpoints among {@code beanClasses}: the ones to deploy */
    static CdiServer with(List<Class<?>> beanClasses, List<Class<?>> endpoints) {
        return new CdiServer(beanClasses, endpoints, builder -> { });
    }

    /** @param configure sets the server's options beyond host, port and event loops */
    static CdiServer with(List<Class<?>> beanClasses, List<Class<?>> endpoints, Consumer<ServerConfig.Builder> configure) {
        return new CdiServer(beanClasses, endpoints, configure);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cdi = EmbeddedCdi.start("test", CdiServer.class.getClassLoader(), beanClasses);
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2);
        configure.accept(builder);
        server = WebSocketServer.create(builder.build());
        for (Class<?> endpoint : endpoints) {
            server.container().addEndpoint(endpoint);
        }
        server.start();
        deploymentInstances = cdi.application().liveInstances();
    }

    /**
     * Waits until the sessions of the tests before have closed and released their instances (a
     * client's close returns before the server has run onClose and @PreDestroy), so that their
     * late lifecycle events do not land in the next test's record.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0
                && cdi.application().observedSessions() == 0
                && cdi.application().liveInstances() == deploymentInstances);
        Lifecycle.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (cdi != null) {
            cdi.close();
        }
    }

    EmbeddedCdi cdi() {
        return cdi;
    }

    WebSocketServer server() {
        return server;
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }
}
