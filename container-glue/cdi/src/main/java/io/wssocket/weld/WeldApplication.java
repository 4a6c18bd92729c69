package io.wssocket.weld;

import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.ManagedInstance;
import io.wssocket.spi.SessionObserver;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.weld.context.bound.BoundLiteral;
import org.jboss.weld.context.bound.BoundRequestContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One application's Weld container: creates its instances ({@link ManagedInstances}), observes
 * its sessions ({@link ObservedSession}) and fires their events. Stopping it lets the server
 * sessions that the undeployment is closing finish their onClose first, for a bounded time.
 */
public final class WeldApplication implements ApplicationIntegration {
    private static final System.Logger LOG = System.getLogger(WeldApplication.class.getName());
    /** How long {@link #close()} waits for closing server sessions; beyond the close handshake's own timeout. */
    private static final long SESSIONS_CLOSED_WAIT_MILLIS = 10_000;

    private final String name;
    private final WeldContainer container;
    private final BeanManager beans;
    private final ManagedInstances instances;
    private final ConnectionContext connectionContext;
    private final SessionRegistry sessions;
    private final BoundRequestContext requestContext;
    private final Set<ObservedSession> observed = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private WeldApplication(String name, WeldContainer container, ConnectionContext connectionContext,
                            SessionRegistry sessions) {
        this.name = name;
        this.container = container;
        this.beans = container.getBeanManager();
        this.instances = new ManagedInstances(beans);
        this.connectionContext = connectionContext;
        this.sessions = sessions;
        this.requestContext = container.select(BoundRequestContext.class, BoundLiteral.INSTANCE).get();
    }

    /**
     * Starts Weld over {@code archive} under {@code loader}, with the application's own portable
     * extensions ({@code META-INF/services/jakarta.enterprise.inject.spi.Extension}).
     *
     * @throws DeploymentException with CDI's message and the endpoint it concerns
     */
    static WeldApplication start(String name, ClassLoader loader, BeanArchive archive) throws DeploymentException {
        WeldLogging.quiet();
        ConnectionContext connectionContext = new ConnectionContext();
        SessionRegistry sessions = new SessionRegistry();
        EndpointExtension extension = new EndpointExtension(connectionContext, sessions);
        Weld weld = new Weld(ContainerIds.next(name))
                .setClassLoader(loader)
                .disableDiscovery()
                .skipShutdownHook()
                .addExtension(extension)
                .addBeanClasses(archive.classes().toArray(Class<?>[]::new))
                .addBeanClass(OpenSessionsProducer.class)
                .enableInterceptors(archive.interceptors().toArray(Class<?>[]::new))
                .enableDecorators(archive.decorators().toArray(Class<?>[]::new))
                .selectAlternatives(archive.alternatives().toArray(Class<?>[]::new));
        for (Extension own : ServiceLoader.load(Extension.class, loader)) {
            weld.addExtension(own);
        }
        WeldContainer container;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            container = weld.initialize();
        } catch (RuntimeException e) {
            throw DeploymentFailure.of(name, e, extension.endpoints());
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.log(System.Logger.Level.INFO, () -> "CDI for " + name + ": Weld " + WeldLogging.version() + ", "
                + archive.classes().size() + " bean classes, " + extension.endpoints().size() + " endpoints");
        return new WeldApplication(name, container, connectionContext, sessions);
    }

    @Override
    public <T> ManagedInstance<T> newInstance(Class<T> type) throws InstantiationException {
        if (!running) {
            throw new InstantiationException("cannot create " + type.getName() + ": the CDI container of " + name
                    + " has stopped");
        }
        try {
            return instances.create(type);
        } catch (RuntimeException e) {
            InstantiationException failure = new InstantiationException("CDI cannot create " + type.getName()
                    + " for " + name + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public SessionObserver observe(Session session, String endpointPath) {
        ObservedSession observer = new ObservedSession(this, session, endpointPath);
        observed.add(observer);
        return observer;
    }

    /** The session's observer has seen its last call. */
    void ended(ObservedSession observer) {
        observed.remove(observer);
    }

    ConnectionContext connectionContext() {
        return connectionContext;
    }

    /** Null once stopped: a callback that runs after that gets no request scope. */
    BoundRequestContext requestContext() {
        return running ? requestContext : null;
    }

    SessionRegistry sessions() {
        return sessions;
    }

    void fire(Object event) {
        if (running) {
            beans.getEvent().fire(event);
        }
    }

    public BeanManager beanManager() {
        return beans;
    }

    /** Instances created and not yet released (endpoints, coders, configurators). */
    public int liveInstances() {
        return instances.live();
    }

    /** Sessions seen and not yet closed. */
    public int observedSessions() {
        return observed.size();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        awaitServerSessionsClosed();
        running = false;
        try {
            instances.releaseAll();
        } finally {
            container.shutdown();
        }
    }

    private void awaitServerSessionsClosed() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SESSIONS_CLOSED_WAIT_MILLIS);
        while (observed.stream().anyMatch(ObservedSession::isServerSession) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Weld wants a unique id per container in the JVM. */
    private static final class ContainerIds {
        private static final AtomicLong NEXT = new AtomicLong();

        static String next(String name) {
            return "wssocket:" + name + ":" + NEXT.incrementAndGet();
        }
    }
}
