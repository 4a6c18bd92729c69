package io.wssocket.client.internal;

import io.wssocket.endpoint.AnnotatedEndpoint;
import io.wssocket.endpoint.AnnotatedEndpointModel;
import io.wssocket.spi.Integrations;
import io.wssocket.spi.SessionInstances;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Turns what {@code connectToServer} is given into an {@link Endpoint} and its
 * {@link ClientEndpointConfig}: an {@code @ClientEndpoint} class is analysed once (Jakarta
 * WebSocket 2.2 §4.2) and its annotation becomes the configuration; a class is instantiated with
 * its public no-argument constructor, or by its application's container integration.
 */
final class ClientEndpoints {
    /**
     * An endpoint ready to connect.
     *
     * @param instances what was created for it (by the application's container integration, if
     *     any), released when its session ends or the connection fails
     */
    record Prepared(Endpoint endpoint, ClientEndpointConfig config, Class<?> endpointClass, SessionInstances instances) {
    }

    /** Each annotated class analysed once; a class that breaks a rule keeps failing with the same message. */
    private static final ClassValue<Object> MODELS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return AnnotatedEndpointModel.ofClient(type);
            } catch (DeploymentException e) {
                return e;
            }
        }
    };

    private ClientEndpoints() {
    }

    static Prepared annotated(Object instance) throws DeploymentException {
        if (instance == null) {
            throw new DeploymentException("the annotated endpoint instance must not be null");
        }
        Class<?> type = instance.getClass();
        return annotated(instance, type, SessionInstances.forEndpoint(type));
    }

    /**
     * @param type the endpoint's own class, whose annotations describe it: the instance may be of a
     *     subclass a container generated (for interceptors)
     */
    private static Prepared annotated(Object instance, Class<?> type, SessionInstances instances) throws DeploymentException {
        Object model = MODELS.get(type);
        if (model instanceof DeploymentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        ClientEndpoint annotation = type.getAnnotation(ClientEndpoint.class);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(annotation.subprotocols()))
                .decoders(List.of(annotation.decoders()))
                .encoders(List.of(annotation.encoders()))
                .configurator(newInstance(annotation.configurator(), type, "configurator", instances))
                .build();
        return new Prepared(new AnnotatedEndpoint((AnnotatedEndpointModel) model, instance), config, type, instances);
    }

    static Prepared annotated(Class<?> type) throws DeploymentException {
        requireClass(type);
        if (!type.isAnnotationPresent(ClientEndpoint.class)) {
            throw new DeploymentException("endpoint " + type.getName() + ": not annotated with @ClientEndpoint "
                    + "(Jakarta WebSocket 2.2 §4.2)");
        }
        SessionInstances instances = SessionInstances.forEndpoint(type);
        try {
            return annotated(newInstance(type, type, "endpoint", instances), type, instances);
        } catch (DeploymentException | RuntimeException e) {
            instances.releaseAll();
            throw e;
        }
    }

    static Prepared programmatic(Endpoint endpoint, ClientEndpointConfig config) throws DeploymentException {
        if (endpoint == null) {
            throw new DeploymentException("the endpoint instance must not be null");
        }
        return programmatic(endpoint, config, endpoint.getClass(), SessionInstances.forEndpoint(endpoint.getClass()));
    }

    private static Prepared programmatic(Endpoint endpoint, ClientEndpointConfig config, Class<?> type,
                                         SessionInstances instances) {
        return new Prepared(endpoint, config == null ? ClientEndpointConfig.Builder.create().build() : config,
                type, instances);
    }

    static Prepared programmatic(Class<? extends Endpoint> type, ClientEndpointConfig config) throws DeploymentException {
        requireClass(type);
        SessionInstances instances = SessionInstances.forEndpoint(type);
        return programmatic(newInstance(type, type, "endpoint", instances), config, type, instances);
    }

    private static void requireClass(Class<?> type) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("the endpoint class must not be null");
        }
    }

    private static <T> T newInstance(Class<T> type, Class<?> endpoint, String role, SessionInstances instances)
            throws DeploymentException {
        // The API's own default configurator is not the application's to manage.
        if (instances.integration() != null && Integrations.forClass(type) == instances.integration()) {
            try {
                return instances.create(type);
            } catch (InstantiationException | RuntimeException e) {
                // The integration's message says what failed (a dependency, a @PostConstruct), not the constructor rule.
                throw new DeploymentException("endpoint " + endpoint.getName() + ": " + e.getMessage(), e);
            }
        }
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException("endpoint " + endpoint.getName() + ": the constructor of " + role + " "
                    + type.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("endpoint " + endpoint.getName() + ": cannot create " + role + " "
                    + type.getName() + " (it needs a public no-argument constructor in a public class): " + e, e);
        }
    }
}
