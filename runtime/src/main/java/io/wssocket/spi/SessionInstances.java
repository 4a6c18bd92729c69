package io.wssocket.spi;

import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The application instances that live as long as one session (its endpoint, encoders, decoders
 * and, for a client, the configurator): created by the application's integration when it has one,
 * else with their public no-argument constructors as before, and released together when the
 * session ends. The runtime's sessions use it; an integration does not.
 */
public final class SessionInstances {
    private static final System.Logger LOG = System.getLogger(SessionInstances.class.getName());
    private static final SessionInstances PLAIN = new SessionInstances(null);
    /** The session being set up on this thread, for {@code Configurator.getEndpointInstance}, whose signature has none. */
    private static final ThreadLocal<SessionInstances> SETTING_UP = new ThreadLocal<>();

    private final ApplicationIntegration integration;
    private final List<Runnable> releases;

    private SessionInstances(ApplicationIntegration integration) {
        this.integration = integration;
        this.releases = integration == null ? List.of() : new ArrayList<>();
    }

    /**
     * For a session of {@code endpointClass}: managed by its application's integration, if there is one.
     *
     * @param endpointClass the class of the session's endpoint
     * @return the instances of a new session
     */
    public static SessionInstances forEndpoint(Class<?> endpointClass) {
        ApplicationIntegration integration = Integrations.forClass(endpointClass);
        return integration == null ? PLAIN : new SessionInstances(integration);
    }

    /**
     * Instances made with their constructors and nothing to release.
     *
     * @return the shared instance without an integration
     */
    public static SessionInstances plain() {
        return PLAIN;
    }

    /**
     * The integration that creates the instances and observes the session.
     *
     * @return the integration, or null
     */
    public ApplicationIntegration integration() {
        return integration;
    }

    /**
     * A new instance of {@code type}, released with the others.
     *
     * @param type the class to instantiate
     * @param constructor {@code ()Object}, used without an integration
     * @return the new instance
     * @throws Throwable what the constructor or the integration threw
     */
    public Object create(Class<?> type, MethodHandle constructor) throws Throwable {
        if (integration == null) {
            return constructor.invoke();
        }
        return adopt(integration.newInstance(type));
    }

    /**
     * A new instance of {@code type}, made by the integration; only when there is one.
     *
     * @param <T> the type of the instance
     * @param type the class to instantiate
     * @return the new instance
     * @throws InstantiationException naming the class and why the integration cannot create it
     */
    public <T> T create(Class<T> type) throws InstantiationException {
        return adopt(integration.newInstance(type));
    }

    private synchronized <T> T adopt(ManagedInstance<T> managed) {
        releases.add(managed.release());
        return managed.instance();
    }

    /**
     * Around the configurator's calls for this session's handshake: what the integration keeps active then.
     *
     * @return the scope to close when the handshake is decided
     */
    public HandshakeScope handshake() {
        return integration == null ? HandshakeScope.NONE : integration.beginHandshake();
    }

    /**
     * The configurator's {@code getEndpointInstance} for this session's handshake: what the
     * default configurator has the integration create in it is released with this session.
     *
     * @param <T> the endpoint's type
     * @param configurator the endpoint's configurator
     * @param endpointClass the endpoint's class
     * @return the endpoint instance for this session
     * @throws InstantiationException what the configurator threw
     */
    public <T> T endpointInstance(ServerEndpointConfig.Configurator configurator, Class<T> endpointClass)
            throws InstantiationException {
        if (integration == null) {
            return configurator.getEndpointInstance(endpointClass);
        }
        SessionInstances previous = SETTING_UP.get();
        SETTING_UP.set(this);
        try {
            return configurator.getEndpointInstance(endpointClass);
        } finally {
            SETTING_UP.set(previous);
        }
    }

    /**
     * An instance made outside a session's own calls (by the default configurator): released with
     * the instances of the session being set up on this thread, or, with none, when the
     * integration closes.
     *
     * @param <T> the type of the instance
     * @param managed what the integration created
     * @return the instance
     */
    public static <T> T adoptBySessionSettingUp(ManagedInstance<T> managed) {
        SessionInstances session = SETTING_UP.get();
        return session == null ? managed.instance() : session.adopt(managed);
    }

    /** Releases every instance, the newest first; a release that throws does not stop the others. */
    public void releaseAll() {
        if (integration == null) {
            return;
        }
        List<Runnable> taken;
        synchronized (this) {
            taken = new ArrayList<>(releases);
            releases.clear();
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            try {
                taken.get(i).run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "releasing an application instance failed", e);
            }
        }
    }
}
