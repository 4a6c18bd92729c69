package io.wssocket.session;

import jakarta.websocket.Extension;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session knows of the handshake that opened it.
 *
 * @param requestUri the request URI (path and query)
 * @param queryString the raw query, or null
 * @param parameters query parameters, decoded
 * @param pathParameters values of the endpoint path's template variables
 * @param subprotocol the negotiated subprotocol, or "" for none
 * @param extensions the negotiated extensions
 * @param secure whether the connection is TLS
 * @param principal the authenticated user, or null
 */
public record SessionRequest(URI requestUri, String queryString, Map<String, List<String>> parameters,
                             Map<String, String> pathParameters, String subprotocol, List<Extension> extensions,
                             boolean secure, Principal principal) {
    public SessionRequest {
        // Unmodifiable copies that keep the order: query order, and template order for the path.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        extensions = List.copyOf(extensions);
        subprotocol = subprotocol == null ? "" : subprotocol;
    }
}
