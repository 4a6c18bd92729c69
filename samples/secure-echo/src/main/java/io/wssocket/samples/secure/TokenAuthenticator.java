package io.wssocket.samples.secure;

import io.wssocket.server.Authentication;
import io.wssocket.server.HandshakeAuthenticator;
import io.wssocket.server.HandshakeRejection;
import jakarta.websocket.server.HandshakeRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lets a handshake in only with a known token, which a browser can send in one of two ways
 * (page scripts cannot set an Authorization header on a WebSocket):
 * <ul>
 * <li>a cookie {@code session=<token>}, set by the site's login;
 * <li>a subprotocol offer {@code bearer.<token>} next to the real subprotocol, e.g.
 *     {@code new WebSocket(url, ["echo.v1", "bearer." + token])}; the server never selects it.
 * </ul>
 * No token: 401 with {@code WWW-Authenticate}; an unknown token: 403. The token never appears
 * in a response, an exception message or a log line.
 */
public final class TokenAuthenticator implements HandshakeAuthenticator {
    static final String COOKIE = "session";
    static final String SUBPROTOCOL_PREFIX = "bearer.";

    private final Tokens tokens;

    public TokenAuthenticator(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(HandshakeRequest request) throws HandshakeRejection {
        Optional<String> token = fromCookie(request.getHeaders()).or(() -> fromSubprotocols(request.getHeaders()));
        if (token.isEmpty()) {
            throw new HandshakeRejection(401, "a session cookie or a bearer.<token> subprotocol is required",
                    Map.of("WWW-Authenticate", "Bearer realm=\"secure-echo\""));
        }
        Tokens.User user = tokens.byToken(token.get())
                .orElseThrow(() -> new HandshakeRejection(403, "the token is not valid", Map.of()));
        return new Authentication(user::name, user.roles()::contains);
    }

    private static Optional<String> fromCookie(Map<String, List<String>> headers) {
        for (String header : headers.getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(COOKIE)) {
                    return Optional.of(pair.substring(eq + 1).trim());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromSubprotocols(Map<String, List<String>> headers) {
        for (String header : headers.getOrDefault("Sec-WebSocket-Protocol", List.of())) {
            for (String offer : header.split(",")) {
                String trimmed = offer.trim();
                if (trimmed.startsWith(SUBPROTOCOL_PREFIX)) {
                    return Optional.of(trimmed.substring(SUBPROTOCOL_PREFIX.length()));
                }
            }
        }
        return Optional.empty();
    }
}
