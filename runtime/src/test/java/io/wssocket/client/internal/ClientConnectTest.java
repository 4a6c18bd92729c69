package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connecting with our client container: the four connectToServer forms, the handshake options, and failures. */
class ClientConnectTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/chat")
                .subprotocols(List.of("chat.v2")).configurator(new HeaderEchoConfigurator()).build());
    });

    private final WsClientContainer client = new WsClientContainer(
            ClientConfig.builder().handshakeTimeoutMillis(2000).connectTimeoutMillis(2000).build(), ClientTransport.shared());

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** Copies the request's X-Probe header into the response, so the client sees what the server got. */
    public static final class HeaderEchoConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> probe = request.getHeaders().get("X-Probe");
            if (probe != null) {
                response.getHeaders().put("X-Probe-Seen", List.of(String.join(",", probe)));
            }
        }
    }

    @ClientEndpoint
    public static class AnnotatedClient {
        final BlockingQueue<String> messages = new ArrayBlockingQueue<>(16);
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("hello from onOpen");
        }

        @OnMessage
        public void message(String text) {
            messages.add(text);
        }

        @OnClose
        public void close(CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void anAnnotatedInstanceExchangesMessagesFromOnOpen() throws Exception {
        AnnotatedClient endpoint = new AnnotatedClient();
        Session session = client.connectToServer(endpoint, server.uri("/echo"));
        assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from onOpen");
        session.getBasicRemote().sendText("second");
        assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(session.getRequestURI()).isEqualTo(server.uri("/echo"));
        assertThat(session.getContainer()).isSameAs(client);
        assertThat(client.openClientSessions()).containsExactly(session);
        session.close();
        assertThat(endpoint.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
    }

    /**
     * The session turns closed once onClose has run (as the reference implementation; the TCK waits
     * while isOpen() and then expects onClose's effects), so code polling isOpen() sees them.
     */
    @Test
    void aSessionReportsItselfClosedOnceOnCloseHasRun() throws Exception {
        CompletableFuture<Boolean> openInOnClose = new CompletableFuture<>();
        Recorder endpoint = new Recorder() {
            @Override
            public void onClose(Session session, CloseReason reason) {
                openInOnClose.complete(session.isOpen());
                super.onClose(session, reason);
            }
        };
        Session session = client.connectToServer(endpoint, null, server.uri("/echo"));
        session.close();
        assertThat(endpoint.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
        assertThat(openInOnClose.get()).isTrue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !session.isOpen());
    }

    @Test
    void anAnnotatedClassIsInstantiatedPerConnection() throws Exception {
        Session session = client.connectToServer(AnnotatedClient.class, server.uri("/echo"));
        assertThat(session.isOpen()).isTrue();
        assertThat(session.getId()).isNotBlank();
        session.close();
    }

    /** A programmatic endpoint that records text messages. */
    public static class Recorder extends Endpoint {
        final BlockingQueue<String> messages = new ArrayBlockingQueue<>(16);
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        final CompletableFuture<String> openThread = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            openThread.complete(Thread.currentThread().getName());
            session.addMessageHandler(String.class, messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void aProgrammaticEndpointNegotiatesASubprotocolAndSeesTheConfiguratorsHeaders() throws Exception {
        CompletableFuture<Map<String, List<String>>> response = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("x-unknown", "chat.v2"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        assertThat(headers).containsKeys("Host", "Sec-WebSocket-Key", "Sec-WebSocket-Protocol");
                        headers.put("X-Probe", List.of("p1"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        response.complete(hr.getHeaders());
                    }
                }).build();
        Recorder endpoint = new Recorder();
        Session session = client.connectToServer(endpoint, config, server.uri("/chat"));
        assertThat(session.getNegotiatedSubprotocol()).isEqualTo("chat.v2");
        Map<String, List<String>> headers = response.get(5, TimeUnit.SECONDS);
        assertThat(headers.get("x-probe-seen")).as("case-insensitive response headers").containsExactly("p1");
        session.getBasicRemote().sendText("over chat.v2");
        assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("over chat.v2");
        session.close();
    }

    @Test
    void aProgrammaticEndpointClassGetsADefaultConfigurationWhenNoneIsGiven() throws Exception {
        Session session = client.connectToServer(Recorder.class, null, server.uri("/echo?room=1&room=2"));
        assertThat(session.getQueryString()).isEqualTo("room=1&room=2");
        assertThat(session.getRequestParameterMap()).containsEntry("room", List.of("1", "2"));
        assertThat(session.getNegotiatedSubprotocol()).isEmpty();
        session.close();
    }

    @Test
    void aPathWithoutEndpointFailsTheConnectWithTheStatus() {
        assertThatThrownBy(() -> client.connectToServer(new Recorder(), null, server.uri("/nothing-here")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("404");
    }

    @Test
    void aClosedPortFailsWithAnIOException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> client.connectToServer(new Recorder(), null, URI.create("ws://127.0.0.1:" + port + "/x")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheHandshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.connectToServer(new Recorder(), null,
                    URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/x")))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("handshake timeout of 2000 ms");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1900);
            accepted.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void anUnsupportedSchemeIsRefused() {
        assertThatThrownBy(() -> client.connectToServer(new Recorder(), null, URI.create("http://127.0.0.1/x")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("ws:// or wss://");
    }

    @Test
    void aClassWithoutClientEndpointIsRefusedWithTheRule() {
        assertThatThrownBy(() -> client.connectToServer(Object.class, server.uri("/echo")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("@ClientEndpoint");
    }

    @Test
    void closingTheContainerClosesItsSessionsWithGoingAway() throws Exception {
        Recorder endpoint = new Recorder();
        client.connectToServer(endpoint, null, server.uri("/echo"));
        client.close();
        assertThat(endpoint.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        assertThat(client.openClientSessions()).isEmpty();
    }

    @Test
    void containerProviderFindsOurClient() {
        assertThat(ContainerProvider.getWebSocketContainer()).isInstanceOf(WsClientContainer.class);
    }

    @Test
    void theServersContainerConnectsOnTheServersOwnLoops() throws Exception {
        Recorder endpoint = new Recorder();
        Session session = server.server().container().connectToServer(endpoint, null, server.uri("/echo"));
        session.getBasicRemote().sendText("loopback through the server's loops");
        assertThat(endpoint.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("loopback through the server's loops");
        assertThat(endpoint.openThread.get(5, TimeUnit.SECONDS)).as("thread running onOpen").startsWith("wssocket-endpoint");
        session.close();
    }
}
