package io.wssocket.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A client endpoint created by CDI when connectToServer is given its class. */
@ClientEndpoint(decoders = NameDecoder.class)
public class GreetingClient {
    public static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

    @Inject
    Greeter greeter;

    @OnMessage
    public void onMessage(Name name) {
        RECEIVED.add(greeter.greet(name.value()));
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.record("client destroyed");
    }
}
