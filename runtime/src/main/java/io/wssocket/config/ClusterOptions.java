package io.wssocket.config;

import java.util.List;

/**
 * The options of cluster-wide messaging: a server with a {@code cluster-name} joins (or, as a
 * client, connects to) the cluster of that name through the cluster transport on its class path
 * (such as container-glue/hazelcast).
 */
public final class ClusterOptions {
    public static final Option<String> CLUSTER_NAME = Option.of("cluster-name", OptionType.text(), "",
            "Name of the cluster this server joins for cluster-wide messaging (broadcast to a path or group on every "
                    + "node, send to a session anywhere, presence); empty for none. Needs a cluster transport on the "
                    + "class path (wssocket-hazelcast).");
    public static final Option<String> CLUSTER_MEMBERS = Option.of("cluster-members", OptionType.text(), "",
            "The cluster's members as host:port, comma-separated (127.0.0.1:5701,127.0.0.1:5702): the addresses a "
                    + "node joins through over TCP (no multicast), or, with cluster-client, the members it "
                    + "connects to. A node may list itself.");
    public static final Option<Integer> CLUSTER_PORT = Option.of("cluster-port", OptionType.integer(1, 65535), 5701,
            "TCP port of this node's cluster member (the port others list in cluster-members).");
    public static final Option<String> CLUSTER_HOST = Option.of("cluster-host", OptionType.text(), "127.0.0.1",
            "Address this node's cluster member binds to and tells the others; the default keeps the cluster on "
                    + "this machine: set the machine's address on the network its members share.");
    public static final Option<Boolean> CLUSTER_CLIENT = Option.of("cluster-client", OptionType.bool(), false,
            "Connect to an existing cluster of the transport's engine as a client instead of running a member "
                    + "inside this server (cluster-port and cluster-host are then unused).");
    public static final Option<Long> CLUSTER_CLIENT_LEASE = Option.of("cluster-client-lease",
            OptionType.longInteger(1000, Integer.MAX_VALUE), 15000L,
            "With cluster-client, milliseconds a client node's lease in the cluster lasts; the node renews it every "
                    + "third of that. A client node that stops renewing (killed, cut off) is taken for gone once it "
                    + "expires: the other nodes remove its sessions from presence, with leave events. (A member node "
                    + "gone is noticed by the engine's membership instead.)");
    public static final Option<Integer> CLUSTER_PRESENCE_PENDING_MAX = Option.of("cluster-presence-pending-max",
            OptionType.integer(1, 1 << 20), 4096,
            "Sessions of this node whose presence change may wait at once to be recorded in the cluster (about 100 "
                    + "bytes each); a change beyond it is not queued: the node logs a warning and re-syncs its whole "
                    + "presence from its open sessions instead, so memory stays bounded and nothing is lost, only "
                    + "coalesced.");

    /** Every cluster option, in the order the reference lists them. */
    public static final List<Option<?>> ALL = List.of(CLUSTER_NAME, CLUSTER_MEMBERS, CLUSTER_PORT, CLUSTER_HOST,
            CLUSTER_CLIENT, CLUSTER_CLIENT_LEASE, CLUSTER_PRESENCE_PENDING_MAX);

    private ClusterOptions() {
    }
}
