package io.wssocket.client;

import io.wssocket.endpoint.AnnotatedEndpoint;
import io.wssocket.endpoint.AnnotatedEndpointModel;
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
 * its public no-argument constructor.
 */
final class ClientEndpoints {
    /** An endpoint ready to connect. */
    record Prepared(Endpoint endpoint, ClientEndpointConfig config, Class<?> endpointClass) {
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
        Object model = MODELS.get(type);
        if (model instanceof DeploymentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        ClientEndpoint annotation = type.getAnnotation(ClientEndpoint.class);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(annotation.subprotocols()))
                .decoders(List.of(annotation.decoders()))
                .encoders(List.of(annotation.encoders()))
                .configurator(newInstance(annotation.configurator(), type, "configurator"))
                .build();
        return new Prepared(new AnnotatedEndpoint((AnnotatedEndpointModel) model, instance), config, type);
    }

    static Prepared annotated(Class<?> type) throws DeploymentException {
        requireClass(type);
        if (!type.isAnnotationPresent(ClientEndpoint.class)) {
            throw new DeploymentException("endpoint " + type.getName() + ": not annotated with @ClientEndpoint "
                    + "(Jakarta WebSocket 2.2 §4.2)");
        }
        return annotated(newInstance(type, type, "endpoint"));
    }

    static Prepared programmatic(Endpoint endpoint, ClientEndpointConfig config) throws DeploymentException {
        if (endpoint == null) {
            throw new DeploymentException("the endpoint instance must not be null");
        }
        return new Prepared(endpoint, config == null ? ClientEndpointConfig.Builder.create().build() : config,
                endpoint.getClass());
    }

    static Prepared programmatic(Class<? extends Endpoint> type, ClientEndpointConfig config) throws DeploymentException {
        requireClass(type);
        return programmatic(newInstance(type, type, "endpoint"), config);
    }

    private static void requireClass(Class<?> type) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("the endpoint class must not be null");
        }
    }

    private static <T> T newInstance(Class<T> type, Class<?> endpoint, String role) throws DeploymentException {
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
