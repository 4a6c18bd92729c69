package io.wssocket.spi;

import jakarta.websocket.DeploymentException;
import java.util.Set;

/**
 * A container that manages application objects, found with {@code ServiceLoader} on the runtime's
 * class loader (see {@link Integrations#discovered()}). At most one is used.
 */
public interface ContainerIntegration {

    /**
     * Prefixes of class names (such as {@code "jakarta.inject."}) that applications load from the
     * runtime's class loader next to the Jakarta WebSocket API: the container's API, and whatever
     * the classes it generates inside an application's packages refer to.
     *
     * @return the prefixes, each ending with a dot
     */
    Set<String> sharedClassPrefixes();

    /**
     * Starts the container for one application, before its endpoints are registered.
     *
     * @param application the application's name, loader and class roots
     * @return null when the container does not manage this application (it has nothing for the
     *     container, such as a CDI archive whose beans.xml says {@code none}); its instances are
     *     then created with their constructors, as without an integration
     * @throws DeploymentException naming the application and what the container refused
     */
    ApplicationIntegration start(ApplicationInfo application) throws DeploymentException;
}
