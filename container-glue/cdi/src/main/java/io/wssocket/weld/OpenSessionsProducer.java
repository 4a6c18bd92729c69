package io.wssocket.weld;

import io.wssocket.cdi.OpenSessions;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

/**
 * Makes the application's session registry injectable as {@link OpenSessions}. Always among the
 * container's bean classes, which also keeps an application without beans of its own a valid
 * bean archive.
 */
final class OpenSessionsProducer {
    /** {@code @Singleton}, not {@code @ApplicationScoped}: the one registry, with no client proxy in front. */
    @Produces
    @Singleton
    OpenSessions openSessions(BeanManager beans) {
        // Extensions are normal-scoped beans; this one, being final, is looked up rather than proxied.
        return beans.getExtension(EndpointExtension.class).sessions();
    }
}
