package io.wssocket.server;

import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.Integrations;
import io.wssocket.spi.SessionInstances;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's default {@link ServerEndpointConfig.Configurator}, found by the Jakarta API
 * through {@code ServiceLoader} ({@code META-INF/services} on the class path, the runtime
 * module's {@code provides} on the module path). Creates one endpoint instance per connection with the public
 * no-argument constructor, or by the application's container integration when it has one (then
 * released when the session ends), and chooses the first subprotocol the client asked for that the endpoint
 * supports.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {
    /** For {@code ServiceLoader}, through which the API's {@code Configurator} finds its container default. */
    public DefaultServerConfigurator() {
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String candidate : requested) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> chosen = new ArrayList<>();
        for (Extension offer : requested) {
            for (Extension available : installed) {
                if (available.getName().equals(offer.getName()) && chosen.stream().noneMatch(e -> e.getName().equals(offer.getName()))) {
                    chosen.add(offer);
                }
            }
        }
        return chosen;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // nothing to change by default
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        ApplicationIntegration integration = Integrations.forClass(endpointClass);
        if (integration != null) {
            return SessionInstances.adoptBySessionSettingUp(integration.newInstance(endpointClass));
        }
        try {
            return endpointClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            InstantiationException failure = new InstantiationException(
                    "constructor of " + endpointClass.getName() + " threw " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        } catch (ReflectiveOperationException e) {
            InstantiationException failure = new InstantiationException(
                    "cannot create " + endpointClass.getName() + ": it needs a public no-argument constructor");
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public ServerEndpointConfig.Configurator getContainerDefaultConfigurator() {
        return this;
    }
}
