package io.wssocket.weld;

import io.wssocket.spi.Integrations;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.DeploymentException;
import java.time.Duration;
import java.util.List;

/**
 * CDI for endpoints registered directly on an embedded server ({@code WebSocketServer}'s
 * container) rather than deployed as an application: a Weld container over the given classes,
 * managing the endpoint, encoder, decoder and configurator instances of every class of
 * {@code loader} until closed. One per class loader at a time.
 *
 * <pre>{@code
 * try (EmbeddedCdi cdi = EmbeddedCdi.start("chat", Chat.class.getClassLoader(), List.of(Chat.class, Rooms.class))) {
 *     server.container().addEndpoint(Chat.class);
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedCdi implements AutoCloseable {
    private final WeldApplication application;
    private final Integrations.Registration registration;

    private EmbeddedCdi(WeldApplication application, Integrations.Registration registration) {
        this.application = application;
        this.registration = registration;
    }

    /**
     * @param beanClasses the classes the container knows as beans; endpoint, encoder, decoder and
     *     configurator classes that are not among them are still created and injected
     * @throws DeploymentException with CDI's message and the endpoint it concerns
     */
    public static EmbeddedCdi start(String name, ClassLoader loader, List<Class<?>> beanClasses) throws DeploymentException {
        // No wait at close: an embedded server closes its own sessions, bounded by its shutdown timeout.
        WeldApplication application = WeldApplication.start(name, loader, BeanArchive.of(beanClasses), Duration.ZERO, null);
        return new EmbeddedCdi(application, Integrations.registerOrClose(loader, application));
    }

    public BeanManager beanManager() {
        return application.beanManager();
    }

    /** The running container, for checks such as {@link WeldApplication#liveInstances()}. */
    public WeldApplication application() {
        return application;
    }

    @Override
    public void close() {
        registration.close();
        application.close();
    }
}
