package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the cluster scenarios' nodes are told to join one cluster, and how the drivers reach them. */
class ClusterLayoutTest {

    private static final List<Integer> CLUSTER_PORTS = List.of(5801, 5802, 5803);

    @Test
    void eachNodeNamesTheMembersStartedBeforeItAndItself() {
        ClusterLayout three = new ClusterLayout(3, List.of());

        assertThat(three.nodeJvmArgs(0, "bench-x", CLUSTER_PORTS)).contains("-Dwssocket.cluster-name=bench-x",
                "-Dwssocket.cluster-host=127.0.0.1", "-Dwssocket.cluster-port=5801",
                "-Dwssocket.cluster-members=127.0.0.1:5801");
        assertThat(three.nodeJvmArgs(2, "bench-x", CLUSTER_PORTS)).contains("-Dwssocket.cluster-port=5803",
                "-Dwssocket.cluster-members=127.0.0.1:5801,127.0.0.1:5802,127.0.0.1:5803")
                .containsAll(ClusterLayout.HAZELCAST_TIMINGS);
        assertThat(three.processes()).isEqualTo(3);
        assertThat(three.id()).isEqualTo("nodes-3");
    }

    @Test
    void withoutAClusterOneServerRunsWithNoClusterOption() {
        ClusterLayout single = new ClusterLayout(0, List.of());

        assertThat(single.processes()).isEqualTo(1);
        assertThat(single.nodeJvmArgs(0, "bench-x", List.of())).isEmpty();
        assertThat(single.id()).isEqualTo("single");
    }

    @Test
    void aNodeOutsideTheLayoutIsRefused() {
        ClusterLayout two = new ClusterLayout(2, List.of());

        assertThatThrownBy(() -> two.nodeJvmArgs(2, "bench-x", CLUSTER_PORTS.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> two.nodeJvmArgs(0, "bench-x", CLUSTER_PORTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDriverIsGivenEveryNodesWebSocketPort() {
        assertThat(ClusterLayout.spreadOver(List.of(40001, 40002))).containsExactly("--ports", "40001,40002");
        RunConfig run = new RunConfig("r", "r", "Main", List.of("--rate", "10"), false);
        assertThat(run.withDriverArgs(ClusterLayout.spreadOver(List.of(40001))).driverArgs())
                .containsExactly("--rate", "10", "--ports", "40001");
    }
}
