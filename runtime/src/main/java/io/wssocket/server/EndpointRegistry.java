package io.wssocket.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The deployed endpoints of a server by path, with each endpoint's set of open sessions. */
final class EndpointRegistry {

    /** One deployed endpoint. */
    record Route(ServerEndpointConfig config, Set<Session> openSessions) {
    }

    private final Map<String, Route> exact = new ConcurrentHashMap<>();

    void add(ServerEndpointConfig config) throws DeploymentException {
        String path = config.getPath();
        if (path == null || !path.startsWith("/")) {
            throw new DeploymentException("endpoint " + config.getEndpointClass().getName()
                    + ": path '" + path + "' must start with '/'");
        }
        if (path.contains("{")) {
            throw new DeploymentException("endpoint " + config.getEndpointClass().getName()
                    + ": path templates such as '" + path + "' are not supported yet; use an exact path");
        }
        Route previous = exact.putIfAbsent(path, new Route(config, ConcurrentHashMap.newKeySet()));
        if (previous != null) {
            throw new DeploymentException("endpoint " + config.getEndpointClass().getName() + ": path '" + path
                    + "' is already taken by " + previous.config().getEndpointClass().getName());
        }
    }

    Route match(String path) {
        return exact.get(path);
    }

    Collection<Route> routes() {
        return List.copyOf(exact.values());
    }
}
