package io.wssocket.server;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Whether an application's configurator checks origins itself: it does when its class (or a
 * superclass of its own) declares {@code checkOrigin}, rather than inheriting the API's default,
 * which only delegates to the container's default configurator, or that configurator's.
 */
final class OriginChecks {
    /** Per configurator class, computed once: a handshake does no reflection. */
    private static final ClassValue<Boolean> OVERRIDDEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Class<?> declaring = type.getMethod("checkOrigin", String.class).getDeclaringClass();
                return declaring != ServerEndpointConfig.Configurator.class && declaring != DefaultServerConfigurator.class;
            } catch (NoSuchMethodException e) {
                return false; // cannot happen for a Configurator; the server's policy then applies
            }
        }
    };

    private OriginChecks() {
    }

    static boolean overridden(ServerEndpointConfig.Configurator configurator) {
        return OVERRIDDEN.get(configurator.getClass());
    }
}
