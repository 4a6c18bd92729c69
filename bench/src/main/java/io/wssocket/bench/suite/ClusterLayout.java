package io.wssocket.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The servers a cluster scenario's runs share: {@code nodes} WS Socket servers joined in one
 * Hazelcast cluster on loopback, or, with 0, one server without a cluster (the single-node
 * reference). Each node is its own JVM with the suite's usual options, pinned to the server CPU
 * like every server under test, so that 1, 2 or 3 nodes share what one server has alone.
 */
record ClusterLayout(int nodes, List<RunConfig> runs) {

    /**
     * Hazelcast's start-up timings for a cluster on one machine: join without the default wait
     * of several seconds (the nodes start one after another, each naming only those already up,
     * so there is nothing to wait for) and try each member's port once.
     */
    static final List<String> HAZELCAST_TIMINGS = List.of("-Dhazelcast.wait.seconds.before.join=0",
            "-Dhazelcast.max.wait.seconds.before.join=0", "-Dhazelcast.tcp.join.port.try.count=1");

    ClusterLayout {
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be 0 (no cluster) or more, got " + nodes);
        }
        runs = List.copyOf(runs);
    }

    /** The processes to start: one even without a cluster. */
    int processes() {
        return Math.max(1, nodes);
    }

    /** The id in the logs' and runs' names: {@code single} without a cluster, else {@code nodes-N}. */
    String id() {
        return idOf(nodes);
    }

    static String idOf(int nodes) {
        return nodes == 0 ? "single" : "nodes-" + nodes;
    }

    /**
     * The JVM options of node {@code index} (0-based) of the cluster {@code name}, whose members
     * listen on {@code clusterPorts}: WS Socket's cluster options as system properties, with the
     * members started before it and itself as {@code cluster-members}, and
     * {@link #HAZELCAST_TIMINGS}. None without a cluster.
     */
    List<String> nodeJvmArgs(int index, String name, List<Integer> clusterPorts) {
        if (nodes == 0) {
            return List.of();
        }
        if (clusterPorts.size() != nodes || index < 0 || index >= nodes) {
            throw new IllegalArgumentException("node " + index + " of " + nodes + " with cluster ports " + clusterPorts);
        }
        List<String> args = new ArrayList<>();
        args.add("-Dwssocket.cluster-name=" + name);
        args.add("-Dwssocket.cluster-host=127.0.0.1");
        args.add("-Dwssocket.cluster-port=" + clusterPorts.get(index));
        args.add("-Dwssocket.cluster-members=" + clusterPorts.subList(0, index + 1).stream()
                .map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")));
        args.addAll(HAZELCAST_TIMINGS);
        return args;
    }

    /** {@code --ports} for a driver that spreads its connections over the nodes' WebSocket ports. */
    static List<String> spreadOver(List<Integer> webSocketPorts) {
        return List.of("--ports", webSocketPorts.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
}
