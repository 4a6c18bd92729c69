package io.wssocket.spi;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container integration on the runtime's class path, if any, and the integrations started for
 * applications, by the class loader of each application.
 */
public final class Integrations {
    private static final Map<ClassLoader, ApplicationIntegration> BY_LOADER = new ConcurrentHashMap<>();

    private Integrations() {
    }

    /** Looked up once, when first asked. */
    private static final class Discovered {
        static final ContainerIntegration INTEGRATION = discover();

        private static ContainerIntegration discover() {
            Iterator<ContainerIntegration> found = ServiceLoader.load(ContainerIntegration.class,
                    Integrations.class.getClassLoader()).iterator();
            try {
                ContainerIntegration first = found.hasNext() ? found.next() : null;
                if (first != null && found.hasNext()) {
                    System.getLogger(Integrations.class.getName()).log(System.Logger.Level.WARNING,
                            "more than one container integration on the class path; using " + first.getClass().getName());
                }
                return first;
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a container integration on the class path cannot be loaded: " + e, e);
            }
        }
    }

    /**
     * The integration found with {@code ServiceLoader} on the runtime's class loader (on the
     * module path: a module that {@code provides io.wssocket.spi.ContainerIntegration}).
     *
     * @return the first integration found, or null
     */
    public static ContainerIntegration discovered() {
        return Discovered.INTEGRATION;
    }

    /**
     * Makes {@code integration} create and observe what belongs to classes of {@code loader}.
     *
     * @param loader the application's class loader
     * @param integration the integration started for that application
     * @return removes the registration again
     * @throws IllegalStateException when the loader already has one
     */
    public static Registration register(ClassLoader loader, ApplicationIntegration integration) {
        if (BY_LOADER.putIfAbsent(loader, integration) != null) {
            throw new IllegalStateException("class loader " + loader + " already has a container integration");
        }
        return () -> BY_LOADER.remove(loader, integration);
    }

    /**
     * {@link #register}, or, when that fails, closes the integration before rethrowing, so a
     * started integration is never left running unregistered.
     *
     * @param loader the application's class loader
     * @param integration the integration started for that application
     * @return removes the registration again
     * @throws IllegalStateException when the loader already has one (the integration is closed)
     */
    public static Registration registerOrClose(ClassLoader loader, ApplicationIntegration integration) {
        try {
            return register(loader, integration);
        } catch (RuntimeException e) {
            integration.close();
            throw e;
        }
    }

    /**
     * The integration registered for the class loader of {@code type}.
     *
     * @param type an application class
     * @return the integration, or null (always, when none is registered)
     */
    public static ApplicationIntegration forClass(Class<?> type) {
        if (BY_LOADER.isEmpty()) {
            return null;
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : BY_LOADER.get(loader);
    }

    /** Undoes a {@link #register} once. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Removes the registration; later calls do nothing. */
        @Override
        void close();
    }
}
