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
     * @param undiscovered the application's classes annotated discovery left out: when one is the
     *     unsatisfied type, the message says how to make it a bean
     */
    static DeploymentException of(String application, RuntimeException cause, Collection<Class<?>> endpoints,
                                  Collection<Class<?>> undiscovered) {
        String message = String.valueOf(cause.getMessage());
        String named = endpoints.stream().map(Class::getName).filter(message::contains).sorted()
                .collect(Collectors.joining(", "));
        String concerns = !named.isEmpty() ? "endpoint " + named
                : endpoints.isEmpty() ? "no endpoint found yet"
                : "while deploying endpoints " + endpoints.stream().map(Class::getName).sorted().collect(Collectors.joining(", "));
        return new DeploymentException(application + ": CDI refused the application ("
                + concerns + "): " + message + advice(message, undiscovered), cause);
    }

    /** Weld's WELD-001408 names the unsatisfied type by its simple name: "for type Plain with qualifiers". */
    private static String advice(String message, Collection<Class<?>> undiscovered) {
        if (!message.contains("WELD-001408")) {
            return "";
        }
        return undiscovered.stream().filter(type -> message.contains("for type " + type.getSimpleName() + " with"))
                .map(Class::getName).sorted().findFirst()
                .map(name -> "\n" + name + " is in the application but is no bean (CDI 4.1 §12.1: annotated discovery "
                        + "takes only classes with a bean defining annotation): annotate it, for example @Dependent "
                        + "or @ApplicationScoped, or set bean-discovery-mode=\"all\" in its META-INF/beans.xml")
                .orElse("");
    }
}
