package io.wssocket.servlet.cdi;

import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.Integrations;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Has the web application's CDI container create its WebSocket instances: registered with the
 * runtime, before the endpoints are deployed, for the application's class loader and for the
 * loaders of its endpoint classes when those differ (an embedded container whose application
 * classes are on the JVM's class path). The container is looked up when first needed, since it
 * may start after the WebSocket initializer. Without the CDI API on the class path nothing is
 * registered; with the API but no container, instances are made with their constructors.
 */
public final class ContainerCdi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ContainerCdi.class.getName());
    /** A class of the CDI API, looked for without loading anything that refers to it. */
    private static final String CDI_API = "jakarta.enterprise.inject.spi.BeanManager";

    private final ApplicationIntegration integration;
    private final List<Integrations.Registration> registrations;

    private ContainerCdi(ApplicationIntegration integration, List<Integrations.Registration> registrations) {
        this.integration = integration;
        this.registrations = registrations;
    }

    /**
     * Registers the CDI integration of a web application that is starting.
     *
     * @param context the application's context
     * @param applicationClasses what the container handed the WebSocket initializer
     * @return what {@link #close()} undoes when the application stops
     */
    public static ContainerCdi start(ServletContext context, Set<Class<?>> applicationClasses) {
        if (!apiPresent()) {
            return new ContainerCdi(null, List.of());
        }
        WebApplicationCdi cdi = new WebApplicationCdi(context);
        List<Integrations.Registration> registrations = new ArrayList<>();
        for (ClassLoader loader : loaders(context, applicationClasses)) {
            try {
                registrations.add(Integrations.register(loader, cdi));
            } catch (IllegalStateException e) {
                // Another application registered a loader both share (their endpoints on one class path).
                LOG.log(System.Logger.Level.WARNING, "CDI for " + cdi.name() + ": " + e.getMessage()
                        + "; instances of its classes are made by that one");
            }
        }
        return new ContainerCdi(cdi, registrations);
    }

    private static boolean apiPresent() {
        try {
            Class.forName(CDI_API, false, ContainerCdi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The context's loader, then those of the endpoint and application config classes, each once. */
    private static Set<ClassLoader> loaders(ServletContext context, Set<Class<?>> applicationClasses) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        if (context.getClassLoader() != null) {
            loaders.add(context.getClassLoader());
        }
        for (Class<?> type : applicationClasses) {
            if ((type.isAnnotationPresent(ServerEndpoint.class) || ServerApplicationConfig.class.isAssignableFrom(type))
                    && type.getClassLoader() != null) {
                loaders.add(type.getClassLoader());
            }
        }
        return loaders;
    }

    /** Removes the registrations and releases what is left: configurators, instances of sessions not closed. */
    @Override
    public void close() {
        registrations.forEach(Integrations.Registration::close);
        if (integration != null) {
            integration.close();
        }
    }
}
