package io.wssocket.weld;

import jakarta.websocket.DeploymentException;
import java.util.Collection;
import java.util.stream.Collectors;

/** What the container refused at start, as the runtime reports a deployment error: naming the endpoint. */
final class DeploymentFailure {
    private DeploymentFailure() {
    }

    /**
     * @param endpoints the endpoint classes the container had found; the one CDI's message names is
     *     the one reported, else all of them
     */
    static DeploymentException of(String application, RuntimeException cause, Collection<Class<?>> endpoints) {
        String message = String.valueOf(cause.getMessage());
        String named = endpoints.stream().map(Class::getName).filter(message::contains).sorted()
                .collect(Collectors.joining(", "));
        String concerns = !named.isEmpty() ? "endpoint " + named
                : endpoints.isEmpty() ? "no endpoint found yet"
                : "while deploying endpoints " + endpoints.stream().map(Class::getName).sorted().collect(Collectors.joining(", "));
        return (DeploymentException) new DeploymentException(application + ": CDI refused the application ("
                + concerns + "): " + message, cause);
    }
}
