package io.wssocket.server;

import io.wssocket.handshake.HttpRequest;
import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Jakarta view of an upgrade request, given to {@code Configurator.modifyHandshake}. */
final class UpgradeHandshakeRequest implements HandshakeRequest {
    private final HttpRequest request;
    private final URI requestUri;
    private final Map<String, List<String>> parameters;
    private final Authentication authentication;
    private final Object httpSession;

    /** @param httpSession the host's HTTP session (a Servlet container's); null standalone */
    UpgradeHandshakeRequest(HttpRequest request, URI requestUri, Map<String, List<String>> parameters,
                            Authentication authentication, Object httpSession) {
        this.request = request;
        this.requestUri = requestUri;
        this.parameters = parameters;
        this.authentication = authentication;
        this.httpSession = httpSession;
    }

    /** The same request once the authenticator has said who sent it. */
    UpgradeHandshakeRequest authenticated(Authentication authentication) {
        return new UpgradeHandshakeRequest(request, requestUri, parameters, authentication, httpSession);
    }

    /** Case-insensitive names (Jakarta WebSocket 2.2 §3.1.4 leaves case to HTTP, which ignores it). */
    @Override
    public Map<String, List<String>> getHeaders() {
        return request.headers();
    }

    @Override
    public Principal getUserPrincipal() {
        return authentication.principal();
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return authentication.principal() != null && authentication.roles().test(role);
    }

    /** The Servlet container's HTTP session when WS Socket runs inside one; standalone there is none (null). */
    @Override
    public Object getHttpSession() {
        return httpSession;
    }

    /**
     * Jakarta WebSocket 2.2 {@code HandshakeRequest.getParameterMap}: the path template variables
     * and the query parameters, unmodifiable. A name that is both gets the path value first.
     */
    static Map<String, List<String>> parameterMap(Map<String, String> pathParameters, Map<String, List<String>> query) {
        if (pathParameters.isEmpty()) {
            return query;
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        pathParameters.forEach((name, value) -> all.put(name, List.of(value)));
        query.forEach((name, values) -> all.merge(name, values, (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        return Collections.unmodifiableMap(all);
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
