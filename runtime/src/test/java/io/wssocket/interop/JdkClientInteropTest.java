package io.wssocket.interop;

import io.wssocket.test.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    private static final ServerCloses CLOSES = new ServerCloses();

    @RegisterExtension
    static final RunningServer server = InteropEndpoints.server(CLOSES);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers) throws Exception {
        return JdkPeer.connect(HTTP, uri);
    }

    @Override
    RunningServer server() {
        return server;
    }

    @Override
    ServerCloses serverCloses() {
        return CLOSES;
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
