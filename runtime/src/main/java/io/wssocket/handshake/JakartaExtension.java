package io.wssocket.handshake;

import jakarta.websocket.Extension;
import java.util.List;

/**
 * An extension of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1) as a Jakarta
 * {@link Extension}: a client's offer that {@code Configurator.getNegotiatedExtensions} receives,
 * or what a server agreed to, as a client session reports it.
 */
public record JakartaExtension(String getName, List<Extension.Parameter> getParameters) implements Extension {

    record Parameter(String getName, String getValue) implements Extension.Parameter {
        @Override
        public String toString() {
            return getValue == null ? getName : getName + "=" + getValue;
        }
    }

    public JakartaExtension {
        getParameters = List.copyOf(getParameters);
    }

    /** The extensions in the header's order. */
    public static List<Extension> of(List<ExtensionOffer> offers) {
        return offers.stream()
                .<Extension>map(o -> new JakartaExtension(o.name(), o.parameters().stream()
                        .<Extension.Parameter>map(p -> new Parameter(p.name(), p.value())).toList()))
                .toList();
    }

    /** The header form of a Jakarta extension, for a client's offer. */
    public static ExtensionOffer offer(Extension extension) {
        return new ExtensionOffer(extension.getName(), extension.getParameters().stream()
                .map(p -> new ExtensionOffer.Parameter(p.getName(), p.getValue())).toList());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getName);
        getParameters.forEach(p -> sb.append("; ").append(p));
        return sb.toString();
    }
}
