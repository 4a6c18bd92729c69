package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.ClusterRoomEndpoint;
import io.wssocket.cdi.app.RoomRoster;
import io.wssocket.test.JdkClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @Inject Cluster} in an endpoint and in an application bean, on a server that is a
 * one-node cluster of its own (an embedded Hazelcast member on loopback).
 */
@Timeout(120)
class ClusterInjectionTest {
    static {
        System.setProperty("hazelcast.wait.seconds.before.join", "0");
        System.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    }

    @RegisterExtension
    static final CdiServer server = CdiServer.with(List.of(ClusterRoomEndpoint.class, RoomRoster.class),
            List.of(ClusterRoomEndpoint.class), builder -> {
                int port = freePort();
                builder.clusterName("cdi-" + UUID.randomUUID()).clusterPort(port).clusterMembers("127.0.0.1:" + port);
            });

    @Test
    void anEndpointAndABeanReachTheGroupThroughTheInjectedCluster() throws Exception {
        RoomRoster roster = server.cdi().beanManager().createInstance().select(RoomRoster.class).get();
        try (JdkClient first = JdkClient.connect(server.uri("/cluster-room"));
             JdkClient second = JdkClient.connect(server.uri("/cluster-room"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> roster.members().size() == 2);

            first.send("hello");
            assertThat(second.next(30)).isEqualTo("hello");
            assertThat(first.next(30)).isEqualTo("hello");

            roster.announce("from a bean");
            assertThat(first.next(30)).isEqualTo("from a bean");
            assertThat(second.next(30)).isEqualTo("from a bean");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> roster.members().isEmpty());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
