package io.wssocket.deploy;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which endpoints an application deploys, by Jakarta WebSocket 2.2 §6.2: without a
 * {@link ServerApplicationConfig}, every {@code @ServerEndpoint} class found; with some, what they
 * return, together, from the programmatic endpoints and annotated classes found. The same rules
 * for a jar or directory given to the standalone server and for a web application a Servlet
 * container scanned.
 *
 * @param configs the programmatic endpoints' configurations the application configs returned
 * @param annotated the annotated endpoint classes to deploy
 */
public record EndpointSelection(List<ServerEndpointConfig> configs, Set<Class<?>> annotated) {

    /**
     * Applies the rules.
     *
     * @param programmatic concrete {@link Endpoint} subclasses found
     * @param annotated classes annotated with {@code @ServerEndpoint} found
     * @param apps the application's {@link ServerApplicationConfig}s, created
     * @return what to deploy
     */
    public static EndpointSelection of(Set<Class<? extends Endpoint>> programmatic, Set<Class<?>> annotated,
                                       List<ServerApplicationConfig> apps) {
        if (apps.isEmpty()) {
            return new EndpointSelection(List.of(), Set.copyOf(annotated));
        }
        List<ServerEndpointConfig> configs = new ArrayList<>();
        Set<Class<?>> chosen = new LinkedHashSet<>();
        for (ServerApplicationConfig app : apps) {
            Set<ServerEndpointConfig> returned = app.getEndpointConfigs(Set.copyOf(programmatic));
            if (returned != null) {
                configs.addAll(returned);
            }
            Set<Class<?>> classes = app.getAnnotatedEndpointClasses(Set.copyOf(annotated));
            if (classes != null) {
                chosen.addAll(classes);
            }
        }
        return new EndpointSelection(List.copyOf(configs), chosen);
    }

    /**
     * Creates the application's configs with their public no-argument constructors.
     *
     * @param source the application's name, for the message
     * @throws DeploymentException naming the class that cannot be created
     */
    public static List<ServerApplicationConfig> create(String source, Collection<Class<? extends ServerApplicationConfig>> types)
            throws DeploymentException {
        List<ServerApplicationConfig> apps = new ArrayList<>();
        for (Class<? extends ServerApplicationConfig> type : types) {
            try {
                apps.add(type.getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new DeploymentException(source + ": cannot create " + type.getName()
                        + " (a ServerApplicationConfig needs a public no-argument constructor): " + e, e);
            }
        }
        return apps;
    }
}
