package io.wssocket.server.host;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;

/**
 * What {@code ServerContainer.upgradeHttpToWebSocket} does in a host: the host's request and
 * response, as the Jakarta API passes them ({@code Object}), upgraded to a session of
 * {@code config}'s endpoint. Installed with {@link HostedServer#httpUpgrades(HttpUpgrades)}.
 */
@FunctionalInterface
public interface HttpUpgrades {
    /**
     * Upgrades the request, or answers it with the refusal's status.
     *
     * @throws DeploymentException when the objects are not the host's request and response, or the
     *     endpoint cannot be deployed
     */
    void upgrade(Object request, Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws DeploymentException;
}
