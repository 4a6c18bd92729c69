package io.wssocket.server;

import jakarta.websocket.server.HandshakeRequest;

/**
 * Decides who is opening a WebSocket, or refuses the handshake. Called for every upgrade request
 * that reached an endpoint, before the endpoint's configurator, on the endpoint executor (so it
 * may block, for example to look a token up). What it returns is what
 * {@link HandshakeRequest#getUserPrincipal()}, {@link HandshakeRequest#isUserInRole(String)} and
 * {@code Session.getUserPrincipal()} report.
 *
 * <pre>{@code
 * ServerConfig.builder().authenticator(request -> {
 *     String token = request.getParameterMap().getOrDefault("token", List.of()).stream().findFirst().orElse(null);
 *     User user = users.byToken(token);
 *     if (user == null) {
 *         throw new HandshakeRejection(401, "a valid token is required", Map.of("WWW-Authenticate", "Bearer"));
 *     }
 *     return new Authentication(user::name, user.roles()::contains);
 * })
 * }</pre>
 */
@FunctionalInterface
public interface HandshakeAuthenticator {
    /** Lets everyone in, anonymously: the default. */
    HandshakeAuthenticator ANONYMOUS = request -> Authentication.ANONYMOUS;

    /**
     * Authenticates one upgrade request.
     *
     * @param request the upgrade request (headers, parameters, URI); it has no principal yet
     * @return who opened the WebSocket; {@link Authentication#ANONYMOUS} for nobody in particular
     * @throws HandshakeRejection to answer with its status and headers instead of 101
     */
    Authentication authenticate(HandshakeRequest request) throws HandshakeRejection;
}
