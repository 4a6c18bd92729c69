package io.wssocket.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.server.ServerConfig;
import io.wssocket.spi.ServerMetricsListener;
import io.wssocket.test.EchoEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a host (a Servlet container) gets from the hosted server for the requests it parsed: the
 * standalone server's checks and answers, decided without a connection of WS Socket's own.
 */
class HostedServerTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    private HostedServer server;

    @BeforeEach
    void start() throws DeploymentException {
        server = HostedServer.create(ServerConfig.builder().build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo")
                .subprotocols(List.of("chat")).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aValidUpgradeIsAcceptedWithTheHeadersOfThe101() {
        Map<String, List<String>> headers = upgradeHeaders();
        headers.put("Sec-WebSocket-Protocol", List.of("other, chat"));

        HostedUpgrade upgrade = server.upgrade(request("/shop", "/echo", headers));

        assertThat(upgrade.accepted()).isTrue();
        assertThat(upgrade.status()).isEqualTo(101);
        assertThat(upgrade.headers()).containsEntry("Upgrade", List.of("websocket"))
                .containsEntry("Connection", List.of("Upgrade"))
                // RFC 6455 §1.3's example key and its answer
                .containsEntry("Sec-WebSocket-Accept", List.of("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
                .containsEntry("Sec-WebSocket-Protocol", List.of("chat"));
        upgrade.abandon();
    }

    @Test
    void aRequestForNoEndpointIsLeftToTheHost() {
        assertThat(server.upgrade(request("", "/elsewhere", upgradeHeaders()))).isNull();
    }

    @Test
    void aBadUpgradeRequestIsRefusedWithTheStatusTheStandaloneServerGives() {
        Map<String, List<String>> headers = upgradeHeaders();
        headers.remove("Sec-WebSocket-Key");

        HostedUpgrade upgrade = server.upgrade(request("", "/echo", headers));

        assertThat(upgrade.accepted()).isFalse();
        assertThat(upgrade.status()).isEqualTo(400);
        assertThat(upgrade.message()).contains("Sec-WebSocket-Key");
        assertThatThrownBy(() -> upgrade.open(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aForeignOriginIsRefusedByTheSameOriginDefault() {
        Map<String, List<String>> headers = upgradeHeaders();
        headers.put("Origin", List.of("https://evil.example"));

        HostedUpgrade upgrade = server.upgrade(request("", "/echo", headers));

        assertThat(upgrade.status()).isEqualTo(403);
    }

    @Test
    void anEndpointNamedByTheHostIsDecidedWithoutBeingDeployed() throws DeploymentException {
        HostedUpgrade upgrade = server.upgrade(request("", "/servlet", upgradeHeaders()),
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/servlet").build(), Map.of());

        assertThat(upgrade.accepted()).isTrue();
        assertThat(server.upgrade(request("", "/servlet", upgradeHeaders()))).as("not deployed by it").isNull();
        upgrade.abandon();
    }

    @Test
    void aDeploymentErrorTakesTheApplicationsEndpointsOutOfServiceAndRefusesMore() {
        ServerEndpointConfig notAnEndpoint = ServerEndpointConfig.Builder.create(String.class, "/bad").build();

        assertThatThrownBy(() -> server.container().addEndpoint(notAnEndpoint)).isInstanceOf(DeploymentException.class);

        assertThat(server.upgrade(request("", "/echo", upgradeHeaders()))).as("deployed before the error").isNull();
        assertThatThrownBy(() -> server.container().addEndpoint(
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/later").build()))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("earlier deployment error");
    }

    @Test
    void aHostedHandshakeIsToldToTheMetricsListenersAsTheStandaloneServerTellsIt() throws DeploymentException {
        List<ServerMetricsListener.Handshake> told = new CopyOnWriteArrayList<>();
        HostedServer hosted = HostedServer.create(ServerConfig.builder().metricsListener(new ServerMetricsListener() {
            @Override
            public void handshake(Handshake handshake) {
                told.add(handshake);
            }
        }).build());
        try {
            hosted.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            Map<String, List<String>> headers = upgradeHeaders();
            headers.put("Origin", List.of("https://evil.example"));

            hosted.upgrade(request("", "/echo", headers));

            assertThat(told).singleElement().satisfies(h -> {
                assertThat(h.status()).isEqualTo(403);
                assertThat(h.path()).isEqualTo("/echo");
                assertThat(h.remoteAddress()).isEqualTo(PEER);
            });
        } finally {
            hosted.close();
        }
    }

    private static HostRequest request(String contextPath, String target, Map<String, List<String>> headers) {
        return new HostRequest("GET", contextPath, target, "HTTP/1.1", headers, PEER, false, null, role -> false, null);
    }

    private static Map<String, List<String>> upgradeHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("localhost:8080"));
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
        headers.put("Sec-WebSocket-Version", List.of("13"));
        return headers;
    }
}
