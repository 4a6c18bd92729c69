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
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** wss://: our server with a keystore, our client trusting its certificate, both ends over TLS. */
class WssTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.tlsKeystore(TestCertificates.localhost().keystore().toString())
                    .tlsKeystorePassword(TestCertificates.PASSWORD),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(Reporter.class, "/echo").build()));

    /** Echoes, and answers "secure?" with what the session says of itself. */
    public static class Reporter extends EchoEndpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendText(text.equals("secure?")
                            ? session.isSecure() + " " + session.getRequestURI().getScheme() : text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            session.addMessageHandler(ByteBuffer.class, data -> {
                try {
                    session.getBasicRemote().sendBinary(data);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** Records what arrives. */
    public static class Recorder extends Endpoint {
        final BlockingQueue<Object> messages = new ArrayBlockingQueue<>(8);
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, messages::add);
            session.addMessageHandler(byte[].class, messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    private static URI wss(String path) {
        return URI.create("wss://127.0.0.1:" + server.port() + path);
    }

    private static WsClientContainer trustingClient(ClientConfig.Builder builder) {
        return new WsClientContainer(builder.clientTruststore(TestCertificates.localhost().certificatePem().toString())
                .build(), ClientTransport.shared());
    }

    @Test
    void textAndSixteenMebibytesOfBinaryTravelBothWaysOverTls() throws Exception {
        try (WsClientContainer client = trustingClient(ClientConfig.builder())) {
            Recorder endpoint = new Recorder();
            Session session = client.connectToServer(endpoint, null, wss("/echo"));
            assertThat(session.isSecure()).isTrue();
            session.getBasicRemote().sendText("secure?");
            assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("true wss");
            byte[] big = new byte[16 << 20];
            ThreadLocalRandom.current().nextBytes(big);
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(big));
            Object reply = endpoint.messages.poll(20, TimeUnit.SECONDS);
            assertThat(reply).isInstanceOf(byte[].class);
            assertThat(Arrays.equals((byte[]) reply, big)).as("16 MiB echoed byte for byte").isTrue();
            session.close();
            assertThat(endpoint.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    void aServerWithPemFilesServesTheSame() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .tlsCertificate(TestCertificates.localhost().certificatePem().toString())
                .tlsKey(TestCertificates.localhost().keyPem().toString()).build();
        try (io.wssocket.server.WebSocketServer pem = io.wssocket.server.WebSocketServer.create(config);
             WsClientContainer client = trustingClient(ClientConfig.builder())) {
            pem.container().addEndpoint(ServerEndpointConfig.Builder.create(Reporter.class, "/echo").build());
            pem.start();
            Recorder endpoint = new Recorder();
            Session session = client.connectToServer(endpoint, null, URI.create("wss://localhost:" + pem.port() + "/echo"));
            session.getBasicRemote().sendText("over PEM");
            assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("over PEM");
            session.close();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateRefusesTheServer() {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().build(), ClientTransport.shared())) {
            assertThatThrownBy(() -> client.connectToServer(new Recorder(), null, wss("/echo")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("certification path");
        }
    }

    @Test
    void theCertificateMustNameTheHostConnectedTo() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .tlsKeystore(TestCertificates.otherHost().keystore().toString())
                .tlsKeystorePassword(TestCertificates.PASSWORD).build();
        try (io.wssocket.server.WebSocketServer other = io.wssocket.server.WebSocketServer.create(config);
             WsClientContainer client = new WsClientContainer(ClientConfig.builder()
                     .clientTruststore(TestCertificates.otherHost().certificatePem().toString()).build(),
                     ClientTransport.shared())) {
            other.container().addEndpoint(ServerEndpointConfig.Builder.create(Reporter.class, "/echo").build());
            other.start();
            assertThatThrownBy(() -> client.connectToServer(new Recorder(), null,
                    URI.create("wss://127.0.0.1:" + other.port() + "/echo")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void wssGoesThroughAProxyTunnel() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(null);
             WsClientContainer client = trustingClient(ClientConfig.builder().clientProxy("http://127.0.0.1:" + proxy.port()))) {
            Recorder endpoint = new Recorder();
            Session session = client.connectToServer(endpoint, null, wss("/echo"));
            session.getBasicRemote().sendText("tunnelled and encrypted");
            assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("tunnelled and encrypted");
            assertThat(proxy.requests().get(0)).startsWith("CONNECT 127.0.0.1:" + server.port());
            session.close();
        }
    }

    @Test
    void aPlainClientOnTheTlsPortGetsNoWebSocket() {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().handshakeTimeoutMillis(3000).build(),
                ClientTransport.shared())) {
            assertThatThrownBy(() -> client.connectToServer(new Recorder(), null,
                    URI.create("ws://127.0.0.1:" + server.port() + "/echo")))
                    .isInstanceOfAny(IOException.class, jakarta.websocket.DeploymentException.class);
        }
    }
}
