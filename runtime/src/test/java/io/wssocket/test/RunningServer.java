package io.wssocket.test;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WS Socket server on a free loopback port for the tests of one class:
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer server = RunningServer.withEndpoints(c -> c.addEndpoint(...));
 * }</pre>
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

    /** Deploys endpoints into the container. */
    @FunctionalInterface
    public interface Deployer {
        void deploy(ServerContainer container) throws DeploymentException;
    }

    private final Consumer<ServerConfig.Builder> configure;
    private final Deployer deployer;
    private WebSocketServer server;

    private RunningServer(Consumer<ServerConfig.Builder> configure, Deployer deployer) {
        this.configure = configure;
        this.deployer = deployer;
    }

    public static RunningServer withEndpoints(Deployer deployer) {
        return new RunningServer(b -> { }, deployer);
    }

    public static RunningServer with(Consumer<ServerConfig.Builder> configure, Deployer deployer) {
        return new RunningServer(configure, deployer);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2);
        configure.accept(builder);
        server = WebSocketServer.create(builder.build());
        deployer.deploy(server.container());
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public WebSocketServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** {@code ws://127.0.0.1:port} + path. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }
}
