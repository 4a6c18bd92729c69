package io.wssocket.servlet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.containers.EmbeddedServletContainer;
import io.wssocket.servlet.containers.WebApplication;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WS Socket as the WebSocket implementation of each container (Tomcat 11 and Undertow 2.3 through
 * {@code HttpServletRequest.upgrade}, Jetty 12.1 through Jetty's core handover, its Servlet upgrade
 * losing the client's bytes after the 101, see CONTAINERS.md): the initializer deploys the
 * application's endpoints under its context path, publishes the ServerContainer to listeners, and
 * sessions run over the container's connection.
 */
class WebSocketInServletContainersTest {
    private static final String CONTAINERS = "io.wssocket.servlet.containers.ServletContainers#all";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anAnnotatedEndpointEchoesUnderTheContextPath(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer()).classes(BridgeEndpoints.Echo.class));

        try (Client client = Client.connect(container.uri("ws", "/app/echo"))) {
            client.socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
            assertThat(client.next()).isEqualTo("hello");
            client.socket.sendText("uri", true).get(10, TimeUnit.SECONDS);
            assertThat(client.next()).isEqualTo("/app/echo");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aMegabyteGoesBothWaysByteForByte(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(BridgeEndpoints.Echo.class));
        byte[] payload = new byte[1 << 20];
        new Random(7).nextBytes(payload);

        try (Client client = Client.connect(container.uri("ws", "/echo"))) {
            for (int i = 0; i < 3; i++) {
                client.socket.sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
                assertThat(client.nextBinary()).isEqualTo(payload);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aListenerAddsAnEndpointThroughTheServerContainerAttribute(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer()).listener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                ServerContainer server = (ServerContainer) event.getServletContext()
                        .getAttribute(WebSocketInitializer.SERVER_CONTAINER_ATTRIBUTE);
                try {
                    server.addEndpoint(ServerEndpointConfig.Builder.create(BridgeEndpoints.Added.class, "/added").build());
                } catch (DeploymentException e) {
                    throw new IllegalStateException(e);
                }
            }
        }));

        try (Client client = Client.connect(container.uri("ws", "/app/added"))) {
            client.socket.sendText("x", true).get(10, TimeUnit.SECONDS);
            assertThat(client.next()).isEqualTo("added:x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aServletUpgradesThroughTheServerContainer(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .servlet("upgrading", new BridgeEndpoints.UpgradingServlet(), "/upgrade"));

        try (Client client = Client.connect(container.uri("ws", "/app/upgrade"))) {
            client.socket.sendText("x", true).get(10, TimeUnit.SECONDS);
            assertThat(client.next()).isEqualTo("upgraded:x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void twoEndpointsOnOnePathFailTheApplicationsStart(EmbeddedServletContainer container) {
        // Tomcat logs the initializer's ServletException (naming the path) and stops the context; the harness throws then.
        assertThatThrownBy(() -> container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.Echo.class, BridgeEndpoints.SamePath.class)))
                .isInstanceOf(Exception.class);
    }

    /** A JDK client whose messages are queued as they arrive. */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        private WebSocket socket;

        static Client connect(URI uri) throws Exception {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a text message within 10 s").isInstanceOf(String.class);
            return (String) message;
        }

        byte[] nextBinary() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a binary message within 10 s").isInstanceOf(byte[].class);
            return (byte[]) message;
        }

        @Override
        public void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
