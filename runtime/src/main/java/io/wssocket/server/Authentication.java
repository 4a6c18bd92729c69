package io.wssocket.server;

import java.security.Principal;
import java.util.function.Predicate;

/**
 * Who opened a WebSocket, as a {@link HandshakeAuthenticator} found out.
 *
 * @param principal the user, or null for anonymous
 * @param roles which roles the user has
 */
public record Authentication(Principal principal, Predicate<String> roles) {
    /** No principal and no roles: what every handshake gets without an authenticator. */
    public static final Authentication ANONYMOUS = new Authentication(null, role -> false);

    /**
     * Checks the roles predicate is there.
     *
     * @param principal the user, or null for anonymous
     * @param roles which roles the user has
     * @throws IllegalArgumentException when {@code roles} is null
     */
    public Authentication {
        if (roles == null) {
            throw new IllegalArgumentException("roles must not be null; use role -> false for none");
        }
    }
}
