package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDK's {@code java.net.http.WebSocket} against our server. Its {@code HttpClient} trusts the
 * test certificate (and checks the host name against it, the JDK's default), which only a wss://
 * URI puts to use.
 */
class JdkClientInteropTest extends ClientInteropCases {
    /**
     * Codes {@code WebSocket.sendClose} refuses with IllegalArgumentException: the JDK reserves
     * them for servers or for failing a connection itself
     * ({@code jdk.internal.net.http.websocket.StatusCodes.isLegalToSendFromClient}).
     */
    private static final Set<Integer> REFUSED_BY_SEND_CLOSE = Set.of(1002, 1003, 1007, 1009, 1010, 1012, 1013, 1014);
    /** 1010 is for clients only (RFC 6455 §7.4.1); the JDK fails the connection when a server sends it. */
    private static final int CLIENT_ONLY_CODE = 1010;

    private HttpClient http;

    @BeforeAll
    void createClient() throws Exception {
        http = HttpClient.newBuilder().sslContext(TestCertificates.localhost().clientContext()).build();
    }

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return JdkPeer.connect(http, uri, subprotocols);
    }

    /** Never called: {@link #deflateUnavailable()} says why. */
    @Override
    InteropPeer connectOfferingDeflate(URI uri) {
        throw new UnsupportedOperationException(deflateUnavailable().orElseThrow());
    }

    /**
     * {@code java.net.http.WebSocket.Builder} has headers and subprotocols but no extensions, and a
     * {@code Sec-WebSocket-Extensions} header set by hand fails {@code buildAsync} with
     * {@code IllegalArgumentException} ("Illegal header", JDK 17).
     */
    @Override
    Optional<String> deflateUnavailable() {
        return Optional.of("java.net.http.WebSocket negotiates no extensions: its builder cannot offer permessage-deflate");
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
