package io.wssocket.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.Decoder;

/** Not a bean (no bean defining annotation): created as a non-contextual instance, still injected. */
public class NameDecoder implements Decoder.Text<Name> {
    @Inject
    Greeter greeter;

    @Override
    public Name decode(String s) {
        return new Name(greeter == null ? "(not injected)" : s.trim());
    }

    @Override
    public boolean willDecode(String s) {
        return true;
    }

    @PreDestroy
    void gone() {
        Lifecycle.record("decoder destroyed");
    }
}
