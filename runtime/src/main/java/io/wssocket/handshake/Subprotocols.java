package io.wssocket.handshake;

import java.util.List;

/** Chooses the subprotocol of a handshake (RFC 6455 §4.2.2 item 5.4: at most one, exact match). */
final class Subprotocols {
    private Subprotocols() {
    }

    /** The first of the client's {@code requested} subprotocols that the server supports, or null. */
    public static String select(List<String> requested, List<String> supported) {
        for (String candidate : requested) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The first of the server's {@code supported} subprotocols that the client requested, or null:
     * the choice of the Jakarta WebSocket default {@code ServerEndpointConfig.Configurator}.
     */
    public static String selectInServerOrder(List<String> requested, List<String> supported) {
        for (String candidate : supported) {
            if (requested.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
