package io.wssocket.servlet.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.Decoder;

/** A decoder with an injected bean. */
public class NameDecoder implements Decoder.Text<Name> {
    @Inject
    Names names;

    @Override
    public Name decode(String text) {
        return new Name(names.normalize(text));
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
