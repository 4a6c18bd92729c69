package io.wssocket.server.host;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An HTTP request as a host (a Servlet container) parsed and authenticated it.
 *
 * @param method the method, e.g. {@code GET}
 * @param contextPath the web application's context path (empty for the root), which endpoints' paths follow
 * @param target the path within the web application and, after {@code ?}, the query, as sent
 * @param protocol e.g. {@code HTTP/1.1}
 * @param headers header values by name
 * @param remote the peer's address
 * @param secure whether the request came over TLS
 * @param principal who the host authenticated, or null
 * @param roles the host's answer to "is the user in this role?"
 * @param httpSession the host's HTTP session (for {@code HandshakeRequest.getHttpSession()}), or null
 */
public record HostRequest(String method, String contextPath, String target, String protocol, Map<String, List<String>> headers,
                          InetSocketAddress remote, boolean secure, Principal principal, Predicate<String> roles,
                          Object httpSession) {
}
