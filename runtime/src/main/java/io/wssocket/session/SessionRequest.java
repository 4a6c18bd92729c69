package io.wssocket.session;

import jakarta.websocket.Extension;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session knows of the handshake that opened it. Kept for as long as the session is open,
 * so it is kept small: the request URI as its text (a parsed {@link URI} holds five more strings)
 * and no maps of its own when there are no parameters.
 */
public final class SessionRequest {
    private final String requestUri;
    private final String queryString;
    private final Map<String, List<String>> parameters;
    private final Map<String, String> pathParameters;
    private final String subprotocol;
    private final List<Extension> extensions;
    private final boolean secure;
    private final Principal principal;

    /**
     * @param requestUri the request URI (path and query), as text
     * @param queryString the raw query, or null
     * @param parameters query parameters, decoded
     * @param pathParameters values of the endpoint path's template variables
     * @param subprotocol the negotiated subprotocol, or "" (or null) for none
     * @param extensions the negotiated extensions
     * @param secure whether the connection is TLS
     * @param principal the authenticated user, or null
     */
    public SessionRequest(String requestUri, String queryString, Map<String, List<String>> parameters,
                          Map<String, String> pathParameters, String subprotocol, List<Extension> extensions,
                          boolean secure, Principal principal) {
        this.requestUri = requestUri;
        this.queryString = queryString;
        this.parameters = unmodifiableCopy(parameters);
        this.pathParameters = unmodifiableCopy(pathParameters);
        this.subprotocol = subprotocol == null ? "" : subprotocol;
        this.extensions = List.copyOf(extensions);
        this.secure = secure;
        this.principal = principal;
    }

    /** An unmodifiable copy that keeps the order (query order, template order for the path); shared when empty. */
    private static <V> Map<String, V> unmodifiableCopy(Map<String, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Parsed again on each call: sessions rarely ask, and an open session should not hold the parsed form. */
    public URI requestUri() {
        return URI.create(requestUri);
    }

    /**
     * The request's raw path, read off the text without parsing it where it is in origin form
     * ({@code /path?query}, a server session's): cheap enough to ask of every open session.
     */
    public String requestPath() {
        if (requestUri.startsWith("/")) {
            int query = requestUri.indexOf('?');
            return query < 0 ? requestUri : requestUri.substring(0, query);
        }
        String path = requestUri().getRawPath();
        return path == null ? "" : path;
    }

    public String queryString() {
        return queryString;
    }

    public Map<String, List<String>> parameters() {
        return parameters;
    }

    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    public String subprotocol() {
        return subprotocol;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public boolean secure() {
        return secure;
    }

    public Principal principal() {
        return principal;
    }
}
