package io.wssocket.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.ReliableTopicConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.TopicOverloadPolicy;
import io.wssocket.spi.ClusterSettings;
import io.wssocket.spi.ClusterTransport;
import io.wssocket.spi.ClusterTransportProvider;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * The Hazelcast cluster transport, found by the runtime with {@code ServiceLoader}: an embedded
 * member per server (TCP-IP join to {@code cluster-members}, multicast and auto-detection off,
 * bound to {@code cluster-host} only), or with {@code cluster-client} a client of an existing
 * Hazelcast cluster.
 */
public final class HazelcastTransportProvider implements ClusterTransportProvider {
    /** The reliable topic every node publishes to; its ring buffer is named after it. */
    static final String TOPIC = "wssocket.messages";
    /**
     * Messages the ring buffer keeps: a node's listener that falls further behind than this loses
     * the oldest (logged). A member's share of it is held on the heap (with one backup).
     */
    static final int RING_CAPACITY = 16_384;

    /** Creates the provider ({@code ServiceLoader} does). */
    public HazelcastTransportProvider() {
    }

    @Override
    public ClusterTransport join(ClusterSettings settings, ClusterTransport.Receiver receiver) throws IOException {
        UUID nodeId = UUID.randomUUID();
        HazelcastInstance instance;
        try {
            instance = settings.client()
                    ? HazelcastClient.newHazelcastClient(clientConfig(settings, nodeId))
                    : Hazelcast.newHazelcastInstance(memberConfig(settings, nodeId));
        } catch (RuntimeException e) {
            throw new IOException("cannot " + (settings.client() ? "connect to" : "join") + " Hazelcast cluster "
                    + settings.name() + " (members " + settings.members() + "): " + e.getMessage(), e);
        }
        try {
            return new HazelcastTransport(instance, nodeId, receiver,
                    settings.client() ? settings.clientLeaseMillis() : 0);
        } catch (RuntimeException e) {
            instance.shutdown();
            throw e;
        }
    }

    /**
     * The embedded member's configuration. Hazelcast's own {@code hazelcast.*} system properties
     * (join wait, heartbeats, how soon a split is merged) still apply where this sets nothing.
     *
     * @param nodeId the node's id: the member's attribute {@value HazelcastTransport#NODE_ATTRIBUTE}
     *     (which a merge after a split keeps, unlike the member's UUID) and its instance's name
     */
    static Config memberConfig(ClusterSettings settings, UUID nodeId) {
        Config config = new Config();
        config.setClusterName(settings.name());
        config.setInstanceName(instanceName(nodeId));
        config.getMemberAttributeConfig().setAttribute(HazelcastTransport.NODE_ATTRIBUTE, nodeId.toString());
        common(config::setProperty);
        // Bound to the configured address only (Hazelcast binds to every interface by default).
        config.setProperty("hazelcast.local.localAddress", settings.host());
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members(settings));
        config.addRingBufferConfig(new RingbufferConfig("_hz_rb_" + TOPIC)
                .setCapacity(RING_CAPACITY).setBackupCount(1).setAsyncBackupCount(0));
        config.addReliableTopicConfig(new ReliableTopicConfig(TOPIC)
                .setTopicOverloadPolicy(TopicOverloadPolicy.BLOCK).setStatisticsEnabled(false));
        return config;
    }

    static ClientConfig clientConfig(ClusterSettings settings, UUID nodeId) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.name());
        config.setInstanceName(instanceName(nodeId));
        common(config::setProperty);
        config.getNetworkConfig().setAddresses(members(settings));
        return config;
    }

    /**
     * The name of the Hazelcast instance of node {@code nodeId} ({@code Cluster.nodeId()}), by which
     * {@code Hazelcast.getHazelcastInstanceByName} (or {@code HazelcastClient}'s) finds it.
     */
    static String instanceName(UUID nodeId) {
        return "wssocket-" + nodeId;
    }

    /** What every instance of ours sets: no phone-home, no shutdown hook, JDK logging. */
    private static void common(PropertySetter properties) {
        // Hazelcast would report usage to its vendor at start and daily; a server must not call out.
        properties.set("hazelcast.phone.home.enabled", "false");
        // The server leaves the cluster when it closes, after its sessions; Hazelcast's own hook
        // would leave first, while sessions still publish.
        properties.set("hazelcast.shutdownhook.enabled", "false");
        properties.set("hazelcast.logging.type", "jdk");
    }

    private static List<String> members(ClusterSettings settings) {
        return settings.members().isEmpty() ? List.of(settings.host() + ":" + settings.port()) : settings.members();
    }

    @FunctionalInterface
    private interface PropertySetter {
        Object set(String name, String value);
    }
}
