package io.wssocket.servlet.cdi;

import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.HandshakeScope;
import io.wssocket.spi.ManagedInstance;
import io.wssocket.spi.SessionObserver;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.servlet.ServletContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One web application's instances, made by the CDI container the application already has. Its
 * {@link BeanManager} is the context attribute Weld Servlet sets, else {@link CDI#current()}'s;
 * looked up when first needed, since that container may start after the WebSocket initializer.
 *
 * <ul>
 *   <li>A class that is a bean is obtained through the container (its scope, interceptors and
 *       decorators apply; a {@code @Dependent} one is destroyed when released); any other class is
 *       a non-contextual instance ({@link Unmanaged}: injection, {@code @PostConstruct},
 *       {@code @PreDestroy} at release).</li>
 *   <li>What is created before the container has started (configurators named by
 *       {@code @ServerEndpoint}, made at deployment) is made with its constructor and gets its
 *       field and method injection and {@code @PostConstruct} as soon as the container is found,
 *       at the latest before the first handshake's configurator calls.</li>
 *   <li>When the first handshake finds no container, there is none: instances are made with their
 *       public no-argument constructors from then on, as without CDI.</li>
 *   <li>The request context is active around every endpoint callback (a fresh one each time) and
 *       around a handshake's configurator calls, unless one is already active there (the
 *       container's own, for the upgrade request's thread).</li>
 * </ul>
 */
final class WebApplicationCdi implements ApplicationIntegration {
    private static final System.Logger LOG = System.getLogger(WebApplicationCdi.class.getName());
    private static final Runnable NOTHING = () -> { };

    /** How one class is created; found once per class. */
    private interface Creator<T> {
        ManagedInstance<T> create();
    }

    /** Made before the container was found: injected once it is. */
    private record AwaitingInjection(Object instance, Tracked tracked) {
    }

    private final ServletContext context;
    private final String name;
    private final Map<Class<?>, Creator<?>> creators = new ConcurrentHashMap<>();
    private final Set<Tracked> unreleased = ConcurrentHashMap.newKeySet();
    private final List<AwaitingInjection> awaiting = new ArrayList<>();
    private volatile BeanManager beans;
    private volatile boolean absent;
    private volatile boolean running = true;

    WebApplicationCdi(ServletContext context) {
        this.context = context;
        String path = context.getContextPath();
        this.name = "web application " + (path == null || path.isEmpty() ? "/" : path);
    }

    String name() {
        return name;
    }

    @Override
    public <T> ManagedInstance<T> newInstance(Class<T> type) throws InstantiationException {
        if (!running) {
            throw new InstantiationException("cannot create " + type.getName() + ": " + name + " has stopped");
        }
        BeanManager found = beans();
        if (found == null) {
            ManagedInstance<T> constructed = construct(type);
            return absent ? constructed : awaitInjection(constructed.instance());
        }
        try {
            return creatorOf(found, type).create();
        } catch (RuntimeException e) {
            InstantiationException failure = new InstantiationException("CDI cannot create " + type.getName()
                    + " for " + name + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public SessionObserver observe(Session session, String endpointPath) {
        BeanManager found = beans();
        return found == null ? CallbackRequests.NONE : new CallbackRequests(found);
    }

    /**
     * The first handshake decides whether there is a container: by then the application's
     * listeners, the container's CDI among them, have run.
     */
    @Override
    public HandshakeScope beginHandshake() {
        BeanManager found = beans();
        if (found == null) {
            decideAbsent();
            return HandshakeScope.NONE;
        }
        return CallbackRequests.activate(found);
    }

    private synchronized void decideAbsent() {
        if (beans == null && !absent) {
            absent = true;
            awaiting.clear(); // made with their constructors, as without CDI
            LOG.log(System.Logger.Level.INFO, () -> "no CDI container in " + name
                    + ": its WebSocket endpoints, encoders, decoders and configurators are made with their constructors");
        }
    }

    private BeanManager beans() {
        BeanManager known = beans;
        return known != null || absent ? known : resolve();
    }

    /** Once found, what waited is injected before any other thread may use the container. */
    private synchronized BeanManager resolve() {
        if (beans != null || absent) {
            return beans;
        }
        BeanManager found = lookUp();
        if (found != null) {
            for (AwaitingInjection instance : awaiting) {
                inject(found, instance);
            }
            awaiting.clear();
            beans = found;
            LOG.log(System.Logger.Level.INFO, () -> "CDI for " + name
                    + ": its WebSocket endpoints, encoders, decoders and configurators are made by the application's container");
        }
        return found;
    }

    private BeanManager lookUp() {
        if (context.getAttribute(BeanManager.class.getName()) instanceof BeanManager attribute) {
            return attribute; // Weld Servlet's, set when it has started
        }
        try {
            return CDI.current().getBeanManager();
        } catch (RuntimeException e) {
            return null; // no provider, or none started for this application (yet)
        }
    }

    private synchronized <T> ManagedInstance<T> awaitInjection(T instance) {
        Tracked tracked = track(NOTHING);
        awaiting.add(new AwaitingInjection(instance, tracked));
        return new ManagedInstance<>(instance, tracked);
    }

    private void inject(BeanManager found, AwaitingInjection waiting) {
        Object instance = waiting.instance();
        try {
            waiting.tracked().destroy = injectInto(found, instance.getClass(), instance);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "CDI for " + name + " cannot inject " + instance.getClass().getName()
                    + ", made before the container started; it stays without its dependencies", e);
        }
    }

    /** Injects an instance made by its constructor; returns what destroys it. */
    private static <T> Runnable injectInto(BeanManager found, Class<T> type, Object made) {
        T instance = type.cast(made);
        InjectionTarget<T> target = found.getInjectionTargetFactory(found.createAnnotatedType(type)).createInjectionTarget(null);
        CreationalContext<T> creational = found.createCreationalContext(null);
        try {
            target.inject(instance, creational);
            target.postConstruct(instance);
        } catch (RuntimeException e) {
            creational.release();
            throw e;
        }
        return () -> {
            try {
                target.preDestroy(instance);
            } finally {
                creational.release();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <T> Creator<T> creatorOf(BeanManager found, Class<T> type) {
        return (Creator<T>) creators.computeIfAbsent(type, t -> {
            Bean<?> bean = exactBean(found, t);
            return bean == null ? unmanaged(found, t) : contextual(found, bean, t);
        });
    }

    /** The bean whose class is {@code type} itself, not a subclass's bean that also has the type. */
    private static Bean<?> exactBean(BeanManager found, Class<?> type) {
        Set<Bean<?>> own = found.getBeans(type).stream().filter(bean -> bean.getBeanClass() == type)
                .collect(Collectors.toSet());
        return own.isEmpty() ? null : found.resolve(own);
    }

    private <T> Creator<T> contextual(BeanManager found, Bean<?> bean, Class<T> type) {
        boolean dependent = bean.getScope() == Dependent.class;
        return () -> {
            CreationalContext<?> creational = found.createCreationalContext(bean);
            T instance = type.cast(found.getReference(bean, type, creational));
            // A normal-scoped bean is a client proxy whose instance its context owns.
            return new ManagedInstance<>(instance, track(dependent ? () -> destroy(bean, instance, creational) : creational::release));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> void destroy(Bean<T> bean, Object instance, CreationalContext<?> creational) {
        bean.destroy((T) instance, (CreationalContext<T>) creational);
    }

    private <T> Creator<T> unmanaged(BeanManager found, Class<T> type) {
        Unmanaged<T> unmanaged = new Unmanaged<>(found, type);
        return () -> {
            Unmanaged.UnmanagedInstance<T> made = unmanaged.newInstance().produce();
            try {
                made.inject().postConstruct();
            } catch (RuntimeException e) {
                made.dispose();
                throw e;
            }
            return new ManagedInstance<>(made.get(), track(() -> made.preDestroy().dispose()));
        };
    }

    /** As the runtime makes instances without an integration, with its words. */
    private static <T> ManagedInstance<T> construct(Class<T> type) throws InstantiationException {
        try {
            return new ManagedInstance<>(type.getConstructor().newInstance(), NOTHING);
        } catch (InvocationTargetException e) {
            InstantiationException failure = new InstantiationException("constructor of " + type.getName() + " threw " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        } catch (ReflectiveOperationException e) {
            InstantiationException failure = new InstantiationException("cannot create " + type.getName()
                    + ": it needs a public no-argument constructor");
            failure.initCause(e);
            throw failure;
        }
    }

    private Tracked track(Runnable destroy) {
        Tracked tracked = new Tracked(destroy);
        unreleased.add(tracked);
        return tracked;
    }

    /** Releases what is still held (configurators, instances of sessions that did not close). */
    @Override
    public void close() {
        running = false;
        for (Tracked tracked : Set.copyOf(unreleased)) {
            try {
                tracked.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "CDI for " + name + ": releasing an instance failed", e);
            }
        }
        synchronized (this) {
            awaiting.clear();
        }
    }

    /** A release that runs once, from the session's end or the application's stop, whichever comes first. */
    private final class Tracked implements Runnable {
        private volatile Runnable destroy;

        Tracked(Runnable destroy) {
            this.destroy = destroy;
        }

        @Override
        public void run() {
            if (unreleased.remove(this)) { // true for one caller only
                destroy.run();
            }
        }
    }

    /** The request context around one session's callbacks, and around a handshake. */
    private static final class CallbackRequests implements SessionObserver {
        static final SessionObserver NONE = new SessionObserver() {
            @Override
            public void beforeCallback() {
            }

            @Override
            public void afterCallback() {
            }

            @Override
            public void opened() {
            }

            @Override
            public void closed(CloseReason reason) {
            }
        };

        private final BeanManager beans;
        // Callbacks of one session never overlap: these are touched by one thread at a time.
        private Instance<RequestContextController> controllers;
        private RequestContextController controller;
        private boolean activated;
        private boolean inCallback;
        private boolean ended;

        CallbackRequests(BeanManager beans) {
            this.beans = beans;
        }

        /** For a handshake: a request context of its own, unless the upgrade request's is active. */
        static HandshakeScope activate(BeanManager beans) {
            Instance<RequestContextController> controllers = beans.createInstance().select(RequestContextController.class);
            RequestContextController controller = controllers.get();
            if (!controller.activate()) {
                controllers.destroy(controller);
                return HandshakeScope.NONE;
            }
            return () -> {
                try {
                    controller.deactivate();
                } finally {
                    controllers.destroy(controller);
                }
            };
        }

        @Override
        public void beforeCallback() {
            inCallback = true;
            try {
                if (controller == null) {
                    controllers = beans.createInstance().select(RequestContextController.class);
                    controller = controllers.get();
                }
                activated = controller.activate();
            } catch (RuntimeException e) {
                // The container stopped before this session's last callbacks (its listener was destroyed first).
                LOG.log(System.Logger.Level.DEBUG, "no request context for a callback: " + e);
            }
        }

        @Override
        public void afterCallback() {
            inCallback = false;
            try {
                if (activated) {
                    activated = false;
                    controller.deactivate(); // destroys the callback's @RequestScoped instances
                }
            } catch (RuntimeException e) {
                // The container stopped while the callback ran, and its request contexts with it.
                LOG.log(System.Logger.Level.DEBUG, "ending a callback's request context: " + e);
            } finally {
                if (ended) {
                    release();
                }
            }
        }

        @Override
        public void opened() {
        }

        /** Inside the last callback, or after the session ended before it opened. */
        @Override
        public void closed(CloseReason reason) {
            ended = true;
            if (!inCallback) {
                release();
            }
        }

        private void release() {
            if (controller != null) {
                try {
                    controllers.destroy(controller);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "releasing a request context controller failed: " + e);
                }
                controller = null;
            }
        }
    }
}
