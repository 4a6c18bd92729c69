package io.wssocket.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.internal.ClientTransport;
import io.wssocket.client.internal.WsClientContainer;
import io.wssocket.server.ServerConfig;
import io.wssocket.test.ConnectProxy;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import io.wssocket.test.TestCertificates;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the wss port accepts: TLS 1.3 and 1.2 only, only forward-secret AEAD suites; records that
 * arrive in pieces; and the JDK's own WebSocket client as a peer over TLS.
 */
class TlsPolicyTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.tlsKeystore(TestCertificates.localhost().keystore().toString())
                    .tlsKeystorePassword(TestCertificates.PASSWORD),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private static SSLContext trusting() throws Exception {
        return TestCertificates.localhost().clientContext();
    }

    /** Runs a TLS handshake with only the given protocol and suite offered; returns what was agreed. */
    private static String handshake(String protocol, String suite) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(new String[] {protocol});
            if (suite != null) {
                socket.setEnabledCipherSuites(new String[] {suite});
            }
            socket.startHandshake();
            return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
        }
    }

    @Test
    void tls13IsAccepted() throws Exception {
        assertThat(handshake("TLSv1.3", null)).startsWith("TLSv1.3 TLS_");
    }

    @Test
    void tls12WithEcdheAndGcmIsAccepted() throws Exception {
        assertThat(handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void tls12WithACbcSuiteIsRefused() {
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void tls11IsRefused() {
        assertThatThrownBy(() -> handshake("TLSv1.1", null)).isInstanceOf(IOException.class);
    }

    /** A TLS 1.2 client may not start a second handshake (a denial-of-service lever; testssl.sh flags it). */
    @Test
    void clientInitiatedRenegotiationIsRefused() throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThatThrownBy(() -> {
                socket.startHandshake(); // renegotiation
                socket.getOutputStream().write(RawWebSocketRequest.BYTES);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("closed by the server");
                }
            }).isInstanceOf(IOException.class);
        }
    }

    /** A plain upgrade request, to push the renegotiation through. */
    private static final class RawWebSocketRequest {
        static final byte[] BYTES = io.wssocket.test.RawWebSocket.upgradeRequest("/echo", io.wssocket.test.RawWebSocket.newKey())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Records split into one-byte TCP segments: the server keeps partial records until they are whole. */
    @Test
    void recordsArrivingByteByByteAreReassembled() throws Exception {
        try (ConnectProxy dribbler = new ConnectProxy(null, true);
             WsClientContainer client = new WsClientContainer(ClientConfig.builder()
                     .clientTruststore(TestCertificates.localhost().certificatePem().toString())
                     .clientProxy("http://127.0.0.1:" + dribbler.port()).build(), ClientTransport.shared())) {
            BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                    s.addMessageHandler(String.class, replies::add);
                }
            }, null, URI.create("wss://127.0.0.1:" + server.port() + "/echo"));
            String text = "x".repeat(3000) + " in pieces";
            session.getBasicRemote().sendText(text);
            assertThat(replies.poll(20, TimeUnit.SECONDS)).isEqualTo(text);
            session.close();
        }
    }

    @Test
    void theJdkWebSocketClientTalksToUsOverTls() throws Exception {
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
        HttpClient http = HttpClient.newBuilder().sslContext(trusting()).build();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + server.port() + "/echo"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        replies.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("from java.net.http", true).get(5, TimeUnit.SECONDS);
        assertThat(replies.poll(5, TimeUnit.SECONDS)).isEqualTo("from java.net.http");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }
}
