package example.cdi.needy;

import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** A programmatic endpoint whose dependency the application lacks. */
public class NeedyEndpoint extends Endpoint {
    @Inject
    Absent absent;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // never opened: the deployment fails
    }
}
