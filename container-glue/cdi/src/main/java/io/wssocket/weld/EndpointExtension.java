package io.wssocket.weld;

import io.wssocket.cdi.OpenSessions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The glue's portable extension: finds the application's endpoint classes, adds the connection
 * context, holds the registry behind {@link OpenSessions}, and checks at deployment that every
 * class the runtime will have the container create (endpoints that are not beans, their encoders,
 * decoders and configurators, and programmatic endpoints that ask for injection) has its
 * dependencies, so a missing one fails the deployment instead of the first connection.
 */
public final class EndpointExtension implements Extension {
    private final ConnectionContext connectionContext;
    private final SessionRegistry sessions;
    private final Set<Class<?>> endpoints = ConcurrentHashMap.newKeySet();
    private final List<Class<?>> programmaticEndpoints;

    /** @param programmaticEndpoints the application's {@code Endpoint} subclasses, checked like annotated endpoints */
    EndpointExtension(ConnectionContext connectionContext, SessionRegistry sessions, List<Class<?>> programmaticEndpoints) {
        this.connectionContext = connectionContext;
        this.sessions = sessions;
        this.programmaticEndpoints = List.copyOf(programmaticEndpoints);
    }

    /** The endpoint classes the container saw. */
    Set<Class<?>> endpoints() {
        return Set.copyOf(endpoints);
    }

    <T> void endpointFound(@Observes @WithAnnotations({ServerEndpoint.class, ClientEndpoint.class}) ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (type.isAnnotationPresent(ServerEndpoint.class) || type.isAnnotationPresent(ClientEndpoint.class)) {
            endpoints.add(type);
        }
    }

    void addConnectionContext(@Observes AfterBeanDiscovery event) {
        event.addContext(connectionContext);
    }

    /** The registry behind {@link OpenSessionsProducer}. */
    SessionRegistry sessions() {
        return sessions;
    }

    void checkCreatedClasses(@Observes AfterDeploymentValidation event, BeanManager beans) {
        for (Class<?> endpoint : endpoints) {
            for (Class<?> created : createdFor(endpoint)) {
                check(beans, event, endpoint, created);
            }
        }
        for (Class<?> endpoint : programmaticEndpoints) {
            // Only one that asks for injection: another may be created by its configurator alone.
            if (InjectionPoints.declaredBy(endpoint)) {
                check(beans, event, endpoint, endpoint);
            }
        }
    }

    private static void check(BeanManager beans, AfterDeploymentValidation event, Class<?> endpoint, Class<?> created) {
        if (ManagedInstances.beanOf(beans, created) != null) {
            return; // the container validated it as a bean already
        }
        try {
            for (InjectionPoint point : beans.getInjectionTargetFactory(beans.createAnnotatedType(created))
                    .createInjectionTarget(null).getInjectionPoints()) {
                beans.validate(point);
            }
        } catch (RuntimeException e) {
            event.addDeploymentProblem(new IllegalStateException("endpoint " + endpoint.getName() + ": "
                    + (created == endpoint ? "" : created.getName() + ": ") + e.getMessage(), e));
        }
    }

    /** The endpoint and the classes its annotation names, which the runtime creates for it. */
    private static List<Class<?>> createdFor(Class<?> endpoint) {
        List<Class<?>> created = new ArrayList<>();
        created.add(endpoint);
        ServerEndpoint server = endpoint.getAnnotation(ServerEndpoint.class);
        if (server != null) {
            addNamed(created, server.encoders(), server.decoders(), server.configurator(), ServerEndpointConfig.Configurator.class);
        }
        ClientEndpoint client = endpoint.getAnnotation(ClientEndpoint.class);
        if (client != null) {
            addNamed(created, client.encoders(), client.decoders(), client.configurator(), ClientEndpointConfig.Configurator.class);
        }
        return created;
    }

    /** @param apiDefault the configurator the annotation names when it names none, which the API provides */
    private static void addNamed(List<Class<?>> created, Class<?>[] encoders, Class<?>[] decoders, Class<?> configurator,
                                 Class<?> apiDefault) {
        created.addAll(List.of(encoders));
        created.addAll(List.of(decoders));
        if (configurator != apiDefault) {
            created.add(configurator);
        }
    }
}
