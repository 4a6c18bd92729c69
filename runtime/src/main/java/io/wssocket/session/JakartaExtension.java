package io.wssocket.server;

import io.wssocket.handshake.ExtensionOffer;
import jakarta.websocket.Extension;
import java.util.List;

/**
 * An extension the client offered in {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1), as the
 * Jakarta {@link Extension} that {@code Configurator.getNegotiatedExtensions} receives.
 */
record OfferedExtension(String getName, List<Extension.Parameter> getParameters) implements Extension {

    record Parameter(String getName, String getValue) implements Extension.Parameter {
        @Override
        public String toString() {
            return getValue == null ? getName : getName + "=" + getValue;
        }
    }

    OfferedExtension {
        getParameters = List.copyOf(getParameters);
    }

    /** The offers in the client's order. */
    static List<Extension> of(List<ExtensionOffer> offers) {
        return offers.stream()
                .<Extension>map(o -> new OfferedExtension(o.name(), o.parameters().stream()
                        .<Extension.Parameter>map(p -> new Parameter(p.name(), p.value())).toList()))
                .toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getName);
        getParameters.forEach(p -> sb.append("; ").append(p));
        return sb.toString();
    }
}
