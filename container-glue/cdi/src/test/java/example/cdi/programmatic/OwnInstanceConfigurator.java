package example.cdi.programmatic;

import jakarta.websocket.server.ServerEndpointConfig;

/** Creates the endpoint itself: the runtime and CDI must take what it returns as it is. */
public class OwnInstanceConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new GreetingEndpoint(new Greetings()));
    }
}
