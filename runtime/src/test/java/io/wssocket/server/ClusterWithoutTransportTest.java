package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.spi.ClusterSettings;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server asked to join a cluster with no cluster transport on the class path (the runtime alone)
 * does not start, says what to add, and leaves its port free; without cluster-name it has no cluster.
 */
class ClusterWithoutTransportTest {

    @ServerEndpoint("/plain")
    public static class Plain {
    }

    @Test
    void aClusterNameWithoutATransportFailsTheStartAndNamesTheModuleToAdd() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        WebSocketServer server = WebSocketServer.create(ServerConfig.defaults().host("127.0.0.1").port(port)
                .clusterName("chat").clusterMembers("127.0.0.1:5701, 127.0.0.1:5702").build());
        try {
            assertThatThrownBy(server::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("cluster-name is set (chat)").hasMessageContaining("wssocket-hazelcast");
        } finally {
            server.close();
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the failed start did not keep the port
        }
    }

    @Test
    void theClusterOptionsMakeTheSettingsATransportJoinsWith() {
        ServerConfig config = ServerConfig.defaults().clusterName("chat")
                .clusterMembers(" 127.0.0.1:5701,127.0.0.1:5702 ,").clusterPort(5702).clusterClient(true).build();
        assertThat(config.clusterSettings())
                .isEqualTo(new ClusterSettings("chat", List.of("127.0.0.1:5701", "127.0.0.1:5702"), "127.0.0.1", 5702, true, 15_000));
        assertThat(ServerConfig.defaults().build().clusterSettings()).as("no cluster-name, no cluster").isNull();
    }

    @Test
    void aServerWithoutAClusterSaysHowToHaveOne() throws Exception {
        WebSocketServer server = WebSocketServer.create(ServerConfig.defaults().host("127.0.0.1").port(0).build());
        try {
            server.container().addEndpoint(Plain.class);
            server.start();
            assertThatThrownBy(server::cluster).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cluster-name");
        } finally {
            server.close();
        }
    }
}
