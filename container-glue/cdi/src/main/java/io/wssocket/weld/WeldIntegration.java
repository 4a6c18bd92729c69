package io.wssocket.weld;

import io.wssocket.spi.ApplicationInfo;
import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.ContainerIntegration;
import jakarta.websocket.DeploymentException;
import java.util.Set;

/**
 * Found by the runtime with {@code ServiceLoader}: starts a Weld container for every application
 * deployed with {@code io.wssocket.deploy.Application}, over the bean classes of its class roots;
 * none for an application whose every class root's beans.xml says {@code none}.
 */
public final class WeldIntegration implements ContainerIntegration {
    private static final System.Logger LOG = System.getLogger(WeldIntegration.class.getName());
    /**
     * What deployed applications see of the runtime besides the WebSocket API: the CDI, injection,
     * interceptor, decorator, annotation and EL APIs, the glue's API, and Weld, whose client proxies
     * and intercepted subclasses are generated in the applications' own packages and refer to it.
     */
    static final Set<String> SHARED = Set.of("jakarta.inject.", "jakarta.enterprise.", "jakarta.annotation.",
            "jakarta.interceptor.", "jakarta.decorator.", "jakarta.el.", "io.wssocket.cdi.", "org.jboss.weld.");

    @Override
    public Set<String> sharedClassPrefixes() {
        return SHARED;
    }

    @Override
    public ApplicationIntegration start(ApplicationInfo application) throws DeploymentException {
        BeanArchive archive = BeanArchive.of(application.name(), application.classRoots(), application.classLoader());
        if (archive.excluded()) {
            // CDI 4.1 §12.1: an archive whose beans.xml says none is not a bean archive; nothing of it is CDI's.
            LOG.log(System.Logger.Level.INFO, () -> "CDI for " + application.name()
                    + ": none (bean-discovery-mode=\"none\"); its endpoints are created with their constructors");
            return null;
        }
        return WeldApplication.start(application.name(), application.classLoader(), archive,
                application.sessionsClosedTimeout(), application.container());
    }
}
