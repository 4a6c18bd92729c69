package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.test.ConnectProxy;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client reaches a server through an HTTP proxy with CONNECT (RFC 9110 §9.3.6). */
class ProxyTunnelTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    /** Records text messages. */
    public static class Recorder extends Endpoint {
        final BlockingQueue<String> messages = new ArrayBlockingQueue<>(4);

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, messages::add);
        }
    }

    private static WsClientContainer clientThrough(String proxy) {
        return new WsClientContainer(ClientConfig.builder().clientProxy(proxy).handshakeTimeoutMillis(3000).build(),
                ClientTransport.shared());
    }

    @Test
    void theConnectionIsTunnelledThroughTheConfiguredProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(null);
             WsClientContainer client = clientThrough("http://127.0.0.1:" + proxy.port())) {
            Recorder endpoint = new Recorder();
            Session session = client.connectToServer(endpoint, null, server.uri("/echo"));
            session.getBasicRemote().sendText("through the tunnel");
            assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("through the tunnel");
            assertThat(proxy.requests()).hasSize(1);
            assertThat(proxy.requests().get(0)).startsWith("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
            session.close();
        }
    }

    @Test
    void credentialsInTheProxyUriBecomeBasicProxyAuthorization() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8));
        try (ConnectProxy proxy = new ConnectProxy(expected);
             WsClientContainer client = clientThrough("http://ann:s3cret@127.0.0.1:" + proxy.port())) {
            Session session = client.connectToServer(new Recorder(), null, server.uri("/echo"));
            assertThat(session.isOpen()).isTrue();
            session.close();
        }
    }

    @Test
    void aProxyRefusalFailsTheConnectWithItsStatusAndAHint() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy("Basic c29tZW9uZQ==");
             WsClientContainer client = clientThrough("http://127.0.0.1:" + proxy.port())) {
            assertThatThrownBy(() -> client.connectToServer(new Recorder(), null, server.uri("/echo")))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("407")
                    .hasMessageContaining("user:password");
        }
    }

    @Test
    void aUserPropertyChoosesTheProxyForOneConnection() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(null);
             WsClientContainer client = clientThrough(null)) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientConnector.PROXY_PROPERTY, "http://127.0.0.1:" + proxy.port());
            Session session = client.connectToServer(new Recorder(), config, server.uri("/echo"));
            assertThat(proxy.requests()).hasSize(1);
            session.close();
        }
    }

    @Test
    void aProxyAddressThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> ClientConfig.defaults().clientProxy("socks://127.0.0.1:1080").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client-proxy=**** set in code").hasMessageContaining("http://host:port");
    }
}
