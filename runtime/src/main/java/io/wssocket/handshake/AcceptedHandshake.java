package io.wssocket.handshake;

import java.util.List;
import java.util.Objects;

/**
 * What a server's 101 response agreed to, after {@link ClientHandshakeValidator} checked it.
 *
 * @param response the response head, for {@code ClientEndpointConfig.Configurator.afterResponse}
 * @param subprotocol the subprotocol the server selected, or "" when none (Jakarta's
 *     {@code Session.getNegotiatedSubprotocol})
 * @param extensions the extensions the server accepted, with its parameters, in its order
 */
public record AcceptedHandshake(HttpResponse response, String subprotocol, List<ExtensionOffer> extensions) {

    public AcceptedHandshake {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(subprotocol, "subprotocol");
        extensions = List.copyOf(extensions);
    }
}
