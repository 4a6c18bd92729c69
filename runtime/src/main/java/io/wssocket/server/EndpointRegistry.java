package io.wssocket.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployed endpoints of a server by full path (context path + endpoint path), with each
 * endpoint's set of open sessions. Endpoints are added in batches that succeed or fail whole, so
 * an application with one bad endpoint serves none.
 */
final class EndpointRegistry {

    /** One deployed endpoint. */
    record Route(String path, ServerEndpointConfig config, Set<Session> openSessions) {
    }

    private final Map<String, Route> exact = new ConcurrentHashMap<>();

    /** Checks what can be checked of an endpoint before it is added. */
    static void validate(ServerEndpointConfig config) throws DeploymentException {
        if (config == null) {
            throw new DeploymentException("endpoint configuration must not be null");
        }
        String name = config.getEndpointClass() == null ? "(no class)" : config.getEndpointClass().getName();
        String path = config.getPath();
        if (path == null || !path.startsWith("/")) {
            throw new DeploymentException("endpoint " + name + ": path '" + path + "' must start with '/'");
        }
        if (path.contains("{")) {
            throw new DeploymentException("endpoint " + name + ": path templates such as '" + path
                    + "' are not supported yet; use an exact path");
        }
    }

    /** Adds every endpoint under {@code contextPath}, or none when one cannot be added. */
    synchronized List<Route> addAll(String contextPath, Collection<ServerEndpointConfig> configs) throws DeploymentException {
        Map<String, Route> batch = new HashMap<>();
        for (ServerEndpointConfig config : configs) {
            validate(config);
            String path = contextPath + config.getPath();
            Route taken = exact.containsKey(path) ? exact.get(path) : batch.get(path);
            if (taken != null) {
                throw new DeploymentException("endpoint " + config.getEndpointClass().getName() + ": path '" + path
                        + "' is already taken by " + taken.config().getEndpointClass().getName());
            }
            batch.put(path, new Route(path, config, ConcurrentHashMap.newKeySet()));
        }
        exact.putAll(batch);
        return new ArrayList<>(batch.values());
    }

    synchronized void removeAll(Collection<Route> routes) {
        for (Route route : routes) {
            exact.remove(route.path(), route);
        }
    }

    Route match(String path) {
        return exact.get(path);
    }

    Collection<Route> routes() {
        return List.copyOf(exact.values());
    }
}
