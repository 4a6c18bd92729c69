package io.wssocket.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Makes {@link WsSocketEmbeddedContainer} the container of Arquillian runs that have this module on their class path. */
public final class WsSocketExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, WsSocketEmbeddedContainer.class);
    }
}
