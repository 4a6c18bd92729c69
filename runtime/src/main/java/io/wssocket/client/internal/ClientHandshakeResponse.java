package io.wssocket.client.internal;

import jakarta.websocket.HandshakeResponse;
import java.util.List;
import java.util.Map;

/** The server's 101 response as {@code ClientEndpointConfig.Configurator.afterResponse} sees it. */
record ClientHandshakeResponse(Map<String, List<String>> getHeaders) implements HandshakeResponse {
}
