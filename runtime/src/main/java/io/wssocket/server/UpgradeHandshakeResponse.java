package io.wssocket.server;

import jakarta.websocket.HandshakeResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Headers a configurator adds to the 101 response. */
final class UpgradeHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
