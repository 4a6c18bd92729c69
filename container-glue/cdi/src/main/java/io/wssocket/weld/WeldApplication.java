package io.wssocket.weld;

import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.HandshakeScope;
import io.wssocket.spi.ManagedInstance;
import io.wssocket.spi.SessionObserver;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.weld.context.bound.BoundLiteral;
import org.jboss.weld.context.bound.BoundRequestContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One application's Weld container: creates its instances ({@link ManagedInstances}), observes
 * its sessions ({@link ObservedSession}) and fires their events, and has a request scope active
 * during the handshakes of its endpoints. Stopping it lets the server sessions that the
 * undeployment is closing finish their onClose first, for as long as the server's shutdown
 * timeout: the same bound the server gives the close handshakes when it stops.
 */
public final class WeldApplication implements ApplicationIntegration {
    private static final System.Logger LOG = System.getLogger(WeldApplication.class.getName());

    private final String name;
    private final WeldContainer container;
    private final BeanManager beans;
    private final ManagedInstances instances;
    private final ConnectionContext connectionContext;
    private final SessionRegistry sessions;
    private final BoundRequestContext requestContext;
    private final Duration sessionsClosedTimeout;
    private final Set<ObservedSession> observed = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private WeldApplication(String name, WeldContainer container, ConnectionContext connectionContext,
                            SessionRegistry sessions, Duration sessionsClosedTimeout) {
        this.name = name;
        this.container = container;
        this.beans = container.getBeanManager();
        this.instances = new ManagedInstances(beans);
        this.connectionContext = connectionContext;
        this.sessions = sessions;
        this.requestContext = container.select(BoundRequestContext.class, BoundLiteral.INSTANCE).get();
        this.sessionsClosedTimeout = sessionsClosedTimeout;
    }

    /**
     * Starts Weld over {@code archive} under {@code loader}, with the application's own portable
     * extensions ({@code META-INF/services/jakarta.enterprise.inject.spi.Extension}).
     *
     * @param sessionsClosedTimeout how long {@link #close()} waits for server sessions still closing
     * @param deployedOn the container of the server the application is deployed on, or null
     * @throws DeploymentException with CDI's message and the endpoint it concerns
     */
    static WeldApplication start(String name, ClassLoader loader, BeanArchive archive, Duration sessionsClosedTimeout,
                                 WebSocketContainer deployedOn) throws DeploymentException {
        WeldLogging.quiet();
        ConnectionContext connectionContext = new ConnectionContext();
        SessionRegistry sessions = new SessionRegistry(name, deployedOn);
        EndpointExtension extension = new EndpointExtension(connectionContext, sessions, archive.programmaticEndpoints());
        Weld weld = new Weld(ContainerIds.next(name))
                .setClassLoader(loader)
                .disableDiscovery()
                .skipShutdownHook()
                .addExtension(extension)
                .addBeanClasses(archive.classes().toArray(Class<?>[]::new))
                .addBeanClass(OpenSessionsProducer.class)
                .addBeanClass(ClusterProducer.class)
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
            throw DeploymentFailure.of(name, e, extension.endpoints(), archive.undiscovered());
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.log(System.Logger.Level.INFO, () -> "CDI for " + name + ": Weld " + WeldLogging.version() + ", "
                + archive.classes().size() + " bean classes, " + extension.endpoints().size() + " endpoints");
        return new WeldApplication(name, container, connectionContext, sessions, sessionsClosedTimeout);
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
                    + " for " + name + ": " + reason(e));
            failure.initCause(e);
            throw failure;
        }
    }

    /** CDI's message, and the application's own exception under it (what a @PostConstruct threw, say). */
    private static String reason(RuntimeException e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ", because of " + root;
    }

    @Override
    public SessionObserver observe(Session session, String endpointPath) {
        ObservedSession observer = new ObservedSession(this, session, endpointPath);
        observed.add(observer);
        return observer;
    }

    /**
     * The request scope around the configurator's calls (outside Jakarta EE, CDI 4.1
     * §6.7.1 leaves it to the container which work runs in a request; a handshake does), so a configurator can use
     * {@code @RequestScoped} beans as endpoint code can.
     */
    @Override
    public HandshakeScope beginHandshake() {
        CallbackRequest request = CallbackRequest.begin(requestContext());
        return request == null ? HandshakeScope.NONE : request;
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
        long deadline = System.nanoTime() + sessionsClosedTimeout.toNanos();
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
