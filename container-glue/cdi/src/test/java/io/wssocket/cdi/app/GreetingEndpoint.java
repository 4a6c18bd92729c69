package io.wssocket.cdi.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Constructor, field and initializer injection; an interceptor; a decoder, encoder and configurator of its own. */
@ServerEndpoint(value = "/greeting", decoders = NameDecoder.class, encoders = ShoutEncoder.class,
        configurator = GreetingConfigurator.class)
public class GreetingEndpoint {
    private final Greeter byConstructor;
    @Inject
    Greeter byField;
    private Greeter byInitializer;

    @Inject
    public GreetingEndpoint(Greeter greeter) {
        this.byConstructor = greeter;
    }

    @Inject
    void initialize(Greeter greeter) {
        this.byInitializer = greeter;
    }

    @PostConstruct
    void constructed() {
        Lifecycle.record("endpoint constructed");
    }

    @Audited
    @OnMessage
    public Shout onMessage(Name name) {
        return new Shout(byConstructor.greet(name.value()) + " / " + (byField != null) + " / " + (byInitializer != null));
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.record("endpoint destroyed");
    }
}
