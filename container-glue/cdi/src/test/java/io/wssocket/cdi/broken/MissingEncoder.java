package io.wssocket.cdi.broken;

import jakarta.inject.Inject;
import jakarta.websocket.Encoder;

/** Not a bean: only the glue's own check at deployment finds what it lacks. */
public class MissingEncoder implements Encoder.Text<StringBuilder> {
    @Inject
    Missing missing;

    @Override
    public String encode(StringBuilder object) {
        return object.toString();
    }
}
