package io.wssocket.endpoint;

import io.wssocket.session.DecoderSet;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * What the container needs to know of a {@code @ServerEndpoint} class, found once at deployment
 * (Jakarta WebSocket 2.2 chapter 4): its path template, its lifecycle and message methods bound
 * as {@link MethodInvoker}s, and its decoders. Immutable; shared by all sessions of the endpoint.
 */
public final class AnnotatedEndpointModel {
    private final Class<?> endpointClass;
    private final PathTemplate path;
    private final DecoderSet decoders;
    private final MethodInvoker onOpen;
    private final MethodInvoker onClose;
    private final MethodInvoker onError;
    private final Class<?> errorType;
    private final List<MessageMethod> messageMethods;

    AnnotatedEndpointModel(Class<?> endpointClass, PathTemplate path, DecoderSet decoders, MethodInvoker onOpen,
                           MethodInvoker onClose, MethodInvoker onError, Class<?> errorType,
                           List<MessageMethod> messageMethods) {
        this.endpointClass = endpointClass;
        this.path = path;
        this.decoders = decoders;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.errorType = errorType;
        this.messageMethods = List.copyOf(messageMethods);
    }

    /**
     * Analyses a {@code @ServerEndpoint} class.
     *
     * @throws DeploymentException naming the class, the method and the rule it breaks
     */
    public static AnnotatedEndpointModel of(Class<?> endpointClass) throws DeploymentException {
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("endpoint " + endpointClass.getName()
                    + ": not annotated with @ServerEndpoint; annotate it, or extend jakarta.websocket.Endpoint and "
                    + "deploy it with a ServerEndpointConfig (Jakarta WebSocket 2.2 §4.1)");
        }
        return new EndpointAnalyzer(endpointClass, annotation.value(), List.of(annotation.decoders())).analyze();
    }

    /**
     * Analyses a class whose methods carry the endpoint annotations, configured by {@code config}
     * instead of a {@code @ServerEndpoint} annotation (its path and decoders): what
     * {@code ServerContainer.upgradeHttpToWebSocket} may be given.
     *
     * @throws DeploymentException naming the class, the method and the rule it breaks
     */
    public static AnnotatedEndpointModel configured(Class<?> endpointClass, ServerEndpointConfig config)
            throws DeploymentException {
        return new EndpointAnalyzer(endpointClass, config.getPath(), config.getDecoders()).analyze();
    }

    /**
     * Analyses a {@code @ClientEndpoint} class (Jakarta WebSocket 2.2 §4.2): the same method rules,
     * without path parameters.
     *
     * @throws DeploymentException naming the class, the method and the rule it breaks
     */
    public static AnnotatedEndpointModel ofClient(Class<?> endpointClass) throws DeploymentException {
        ClientEndpoint annotation = endpointClass.getAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("endpoint " + endpointClass.getName()
                    + ": not annotated with @ClientEndpoint; annotate it, or extend jakarta.websocket.Endpoint and "
                    + "connect it with a ClientEndpointConfig (Jakarta WebSocket 2.2 §4.2)");
        }
        return new EndpointAnalyzer(endpointClass, "/", List.of(annotation.decoders())).analyze();
    }

    public Class<?> endpointClass() {
        return endpointClass;
    }

    public PathTemplate path() {
        return path;
    }

    DecoderSet decoders() {
        return decoders;
    }

    MethodInvoker onOpen() {
        return onOpen;
    }

    MethodInvoker onClose() {
        return onClose;
    }

    MethodInvoker onError() {
        return onError;
    }

    /** The type of the {@code @OnError} method's Throwable parameter. */
    Class<?> errorType() {
        return errorType;
    }

    List<MessageMethod> messageMethods() {
        return messageMethods;
    }
}
