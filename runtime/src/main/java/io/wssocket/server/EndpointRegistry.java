package io.wssocket.server;

import io.wssocket.endpoint.AnnotatedEndpointModel;
import io.wssocket.endpoint.PathTemplate;
import io.wssocket.session.DecoderSet;
import io.wssocket.session.EncoderSet;
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
 * endpoint's set of open sessions. Paths without variables are looked up in a map; path
 * templates are tried in precedence order (Jakarta WebSocket 2.2 §3.1.1). Endpoints are added in
 * batches that succeed or fail whole, so an application with one bad endpoint serves none.
 */
final class EndpointRegistry {

    /** An endpoint to deploy: its configuration and, for a {@code @ServerEndpoint} class, its model. */
    record Deployment(ServerEndpointConfig config, AnnotatedEndpointModel model) {
    }

    /** One deployed endpoint; {@code model} is null for a programmatic endpoint. */
    record Route(String path, PathTemplate template, ServerEndpointConfig config, AnnotatedEndpointModel model,
                 EncoderSet encoders, DecoderSet decoders, Set<Session> openSessions) {
    }

    /** The route chosen for a request path, with the values of its template variables. */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final Map<String, Route> exact = new ConcurrentHashMap<>();
    /** Routes with variables, in precedence order; replaced whole on change. */
    private volatile List<Route> templates = List.of();

    /** Checks what can be checked of an endpoint before it is added. */
    static void validate(ServerEndpointConfig config) throws DeploymentException {
        if (config == null) {
            throw new DeploymentException("endpoint configuration must not be null");
        }
        template(name(config), config.getPath());
    }

    private static String name(ServerEndpointConfig config) {
        return config.getEndpointClass() == null ? "(no class)" : config.getEndpointClass().getName();
    }

    private static PathTemplate template(String name, String path) throws DeploymentException {
        try {
            return PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("endpoint " + name + ": " + e.getMessage());
        }
    }

    /** A route for {@code deployment} at {@code path}, not registered (registering is {@link #addAll}'s). */
    static Route route(String path, Deployment deployment) throws DeploymentException {
        ServerEndpointConfig config = deployment.config();
        String name = name(config);
        return new Route(path, template(name, path), config, deployment.model(),
                EncoderSet.of(name, config.getEncoders()), DecoderSet.of(name, config.getDecoders()),
                new CompactIdentitySet<>());
    }

    /** Adds every endpoint under {@code contextPath}, or none when one cannot be added. */
    synchronized List<Route> addAll(String contextPath, Collection<Deployment> deployments) throws DeploymentException {
        Map<String, Route> batch = new HashMap<>();
        List<Route> batchTemplates = new ArrayList<>();
        for (Deployment deployment : deployments) {
            ServerEndpointConfig config = deployment.config();
            validate(config);
            String name = name(config);
            String path = contextPath + config.getPath();
            Route route = route(path, deployment);
            PathTemplate template = route.template();
            if (!template.hasVariables()) {
                Route taken = exact.containsKey(path) ? exact.get(path) : batch.get(path);
                if (taken != null) {
                    throw new DeploymentException("endpoint " + name + ": path '" + path
                            + "' is already taken by " + taken.config().getEndpointClass().getName());
                }
                batch.put(path, route);
                continue;
            }
            for (List<Route> existing : List.of(templates, batchTemplates)) {
                for (Route other : existing) {
                    if (other.template().isEquivalentTo(template)) {
                        throw new DeploymentException("endpoint " + name + ": path '" + path + "' matches the same "
                                + "request paths as '" + other.path() + "' of " + other.config().getEndpointClass().getName()
                                + "; two endpoints' paths must differ by more than variable names (Jakarta WebSocket 2.2 §3.1.1)");
                    }
                }
            }
            batchTemplates.add(route);
        }
        exact.putAll(batch);
        if (!batchTemplates.isEmpty()) {
            List<Route> all = new ArrayList<>(templates);
            all.addAll(batchTemplates);
            all.sort((a, b) -> PathTemplate.byPrecedence(a.template(), b.template()));
            templates = List.copyOf(all);
        }
        List<Route> added = new ArrayList<>(batch.values());
        added.addAll(batchTemplates);
        return added;
    }

    synchronized void removeAll(Collection<Route> routes) {
        List<Route> remaining = new ArrayList<>(templates);
        for (Route route : routes) {
            exact.remove(route.path(), route);
            remaining.remove(route);
        }
        templates = List.copyOf(remaining);
    }

    /**
     * The endpoint for a request path: an exact path first, else the first template in
     * precedence order that matches (a literal segment beats a variable at the first place
     * two candidates differ).
     */
    Match match(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return new Match(route, Map.of());
        }
        for (Route candidate : templates) {
            Map<String, String> values = candidate.template().match(path);
            if (values != null) {
                return new Match(candidate, values);
            }
        }
        return null;
    }

    Collection<Route> routes() {
        List<Route> all = new ArrayList<>(exact.values());
        all.addAll(templates);
        return all;
    }
}
