package io.wssocket.samples.programmatic;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The handshake rules of the rooms: the server's order of subprotocols wins over the client's
 * (the default configurator takes the client's first choice), and the user name from the query
 * ({@code ?user=alice}) becomes the session's user property {@value #USER} when it is valid.
 */
public class RoomConfigurator extends ServerEndpointConfig.Configurator {
    /** The user property holding the user's name; absent when the name was missing or invalid. */
    public static final String USER = "user";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String mine : supported) {
            if (requested.contains(mine)) {
                return mine;
            }
        }
        return ""; // Jakarta WebSocket 2.2 §4.1.1 (getNegotiatedSubprotocol): none agreed
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // Each connection has its own copy of the user properties (Jakarta WebSocket 2.2 §3.1.2).
        List<String> names = request.getParameterMap().get("user");
        if (names != null && names.size() == 1 && NAME.matcher(names.get(0)).matches()) {
            sec.getUserProperties().put(USER, names.get(0));
        }
    }
}
