package io.wssocket.handshake;

import java.util.List;
import java.util.Objects;

/**
 * A request that passed the checks of RFC 6455 §4.2.1, with what the server needs to answer it.
 *
 * @param request the request head
 * @param key the {@code Sec-WebSocket-Key}, for {@link AcceptKey#of}
 * @param subprotocols the requested subprotocols, in the client's order of preference
 * @param extensions the offered extensions, in the client's order of preference
 * @param origin the {@code Origin} header, or null when absent (non-browser clients)
 */
public record UpgradeRequest(
        HttpRequest request, String key, List<String> subprotocols, List<ExtensionOffer> extensions, String origin) {

    public UpgradeRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(key, "key");
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
    }
}
