package io.wssocket.server.host;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WsServerContainer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A WS Socket server whose connections a host accepts, reads and upgrades: a Servlet container.
 * Deployments go to its {@link #container()} as on the standalone server; each request the host
 * sees for one of its endpoints goes to {@link #upgrade(HostRequest)}, on a thread of the host
 * that may block (the endpoint's configurator runs on it). The protocol, session and endpoint
 * layers are the standalone server's own, over the {@link io.wssocket.transport.Connection} the
 * host hands to {@link HostedUpgrade#open}.
 */
public interface HostedServer extends AutoCloseable {

    /** A hosted server with these options (those of the listener, TLS and handshake threads do not apply). */
    static HostedServer create(ServerConfig config) {
        return Hosting.factory().apply(config);
    }

    /** Where endpoints are deployed; the {@code jakarta.websocket.server.ServerContainer} the host publishes. */
    WsServerContainer container();

    /**
     * Decides a request: null when it is not WS Socket's (no endpoint at its path, or not a
     * WebSocket upgrade to a path that also serves other content), which the host then serves as
     * usual; otherwise refused (a bad upgrade request, an origin not allowed, a full server, the
     * configurator's refusal) or accepted.
     */
    HostedUpgrade upgrade(HostRequest request);

    /**
     * Decides a request for an endpoint that is not deployed at its path, as
     * {@code ServerContainer.upgradeHttpToWebSocket} asks: the request must be a valid upgrade; the
     * endpoint is analysed now (a {@code jakarta.websocket.Endpoint} subclass, or a class whose
     * methods carry the endpoint annotations).
     *
     * @throws DeploymentException when the endpoint breaks the rules of Jakarta WebSocket 2.2 §4
     */
    HostedUpgrade upgrade(HostRequest request, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws DeploymentException;

    /** Makes {@code ServerContainer.upgradeHttpToWebSocket} of {@link #container()} do what the host can. */
    void httpUpgrades(HttpUpgrades upgrades);

    /** Open sessions of this server. */
    int sessionCount();

    /**
     * The server's one scheduler thread (its housekeeping), for the host's timers of its
     * connections, so that the host needs no timer thread of its own: short tasks only; it stops
     * with the server ({@link #close()}), not before.
     */
    ScheduledExecutorService scheduler();

    /** Closes every session with 1001 (going away) and stops the server's threads. */
    @Override
    void close();
}
