package io.wssocket.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Uses a @RequestScoped bean in each of its handshake calls; the stamp's id goes out as a header. */
public class StampingConfigurator extends ServerEndpointConfig.Configurator {
    @Inject
    HandshakeStamp stamp;

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        stamp.used("checkOrigin");
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        stamp.used("modifyHandshake");
        response.getHeaders().put("X-Stamp", List.of(String.valueOf(stamp.id())));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        stamp.used("getEndpointInstance");
        return super.getEndpointInstance(endpointClass);
    }
}
