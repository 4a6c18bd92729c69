package io.wssocket.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;

/** The JDK's {@code java.net.http.WebSocket} against our server. */
class JdkClientInteropTest extends ClientInteropCases {
    /**
     * Codes {@code WebSocket.sendClose} refuses with IllegalArgumentException: the JDK reserves
     * them for servers or for failing a connection itself
     * ({@code jdk.internal.net.http.websocket.StatusCodes.isLegalToSendFromClient}).
     */
    private static final Set<Integer> REFUSED_BY_SEND_CLOSE = Set.of(1002, 1003, 1007, 1009, 1010, 1012, 1013, 1014);
    /** 1010 is for clients only (RFC 6455 §7.4.1); the JDK fails the connection when a server sends it. */
    private static final int CLIENT_ONLY_CODE = 1010;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return JdkPeer.connect(HTTP, uri, subprotocols);
    }

    @Override
    boolean clientSendsCloseCode(int code) {
        return !REFUSED_BY_SEND_CLOSE.contains(code);
    }

    @Override
    boolean clientAcceptsCloseCode(int code) {
        return code != CLIENT_ONLY_CODE;
    }
}
