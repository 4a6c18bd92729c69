package org.glassfish.tyrus.container.grizzly.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's server on a Grizzly listener bound to loopback, for the interop tests (our tests use
 * loopback only). Tyrus 2.2.0's own Grizzly container always listens on 0.0.0.0, and the
 * add-on that attaches Tyrus to a listener of one's own has a package-private constructor: this
 * class lives in that package for that reason alone, and wires the same pieces. Over TLS the
 * listener is a secure one: Grizzly puts its SSL filter, with the given context, before HTTP.
 */
public final class LoopbackTyrusServer extends TyrusServerContainer {
    private final WebSocketEngine engine;
    /** The server's TLS, or null for plain TCP. */
    private final SSLContext tls;
    private HttpServer server;
    private NetworkListener listener;
    private String contextPath = "/";

    private LoopbackTyrusServer(int incomingBufferSize, SSLContext tls) {
        super((java.util.Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
        this.tls = tls;
    }

    /**
     * Over plain TCP: ws://.
     *
     * @param incomingBufferSize the largest frame Tyrus buffers before failing the connection
     */
    public static LoopbackTyrusServer plain(int incomingBufferSize) {
        return new LoopbackTyrusServer(incomingBufferSize, null);
    }

    /** Over TLS with {@code tls}'s key and certificate: wss://; {@code incomingBufferSize} as for {@link #plain}. */
    public static LoopbackTyrusServer overTls(int incomingBufferSize, SSLContext tls) {
        return new LoopbackTyrusServer(incomingBufferSize, tls);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    /** Listens on 127.0.0.1 at an ephemeral port, which {@link #getPort()} then returns. */
    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        server = new HttpServer();
        listener = new NetworkListener("grizzly", "127.0.0.1", port);
        server.addListener(listener);
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        // As Tyrus's own container: endpoint code runs on Grizzly's workers, not its selector threads.
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(this, contextPath));
        server.start();
        super.start(rootPath, listener.getPort());
    }

    @Override
    public int getPort() {
        return listener.getPort();
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
