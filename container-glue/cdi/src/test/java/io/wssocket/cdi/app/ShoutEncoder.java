package io.wssocket.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.Encoder;
import java.util.Locale;

public class ShoutEncoder implements Encoder.Text<Shout> {
    private Greeter greeter;

    /** Initializer method injection. */
    @Inject
    void setGreeter(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public String encode(Shout shout) {
        return greeter.greet(shout.text()).toUpperCase(Locale.ROOT);
    }
}
