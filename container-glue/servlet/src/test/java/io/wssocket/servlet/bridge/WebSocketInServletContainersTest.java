package io.wssocket.servlet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.containers.EmbeddedServletContainer;
import io.wssocket.servlet.containers.WebApplication;
import io.wssocket.test.JdkClient;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anAnnotatedEndpointEchoesUnderTheContextPath(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer()).classes(BridgeEndpoints.Echo.class));

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/echo"))) {
            client.send("hello");
            assertThat(client.next(10)).isEqualTo("hello");
            client.send("uri");
            assertThat(client.next(10)).isEqualTo("/app/echo");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aMegabyteGoesBothWaysByteForByte(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("").initializer(new WebSocketInitializer()).classes(BridgeEndpoints.Echo.class));
        byte[] payload = new byte[1 << 20];
        new Random(7).nextBytes(payload);

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/echo"))) {
            for (int i = 0; i < 3; i++) {
                client.ws.sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
                assertThat(client.next(10)).isEqualTo(payload);
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

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/added"))) {
            client.send("x");
            assertThat(client.next(10)).isEqualTo("added:x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aServletUpgradesThroughTheServerContainer(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .servlet("upgrading", new BridgeEndpoints.UpgradingServlet(), "/upgrade"));

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/upgrade"))) {
            client.send("x");
            assertThat(client.next(10)).isEqualTo("upgraded:x");
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
}
