package io.wssocket.server;

import io.wssocket.handshake.HttpRequest;
import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** The Jakarta view of an upgrade request, given to {@code Configurator.modifyHandshake}. */
final class UpgradeHandshakeRequest implements HandshakeRequest {
    private final HttpRequest request;
    private final URI requestUri;
    private final Map<String, List<String>> parameters;

    UpgradeHandshakeRequest(HttpRequest request, URI requestUri, Map<String, List<String>> parameters) {
        this.request = request;
        this.requestUri = requestUri;
        this.parameters = parameters;
    }

    /** Case-insensitive names (Jakarta WebSocket 2.2 §3.1.4 leaves case to HTTP, which ignores it). */
    @Override
    public Map<String, List<String>> getHeaders() {
        return request.headers();
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    /** Standalone there is no HTTP session. */
    @Override
    public Object getHttpSession() {
        return null;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return request.query();
    }
}
