package io.wssocket.hazelcast;

import static org.awaitility.Awaitility.await;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.impl.MemberImpl;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.cluster.impl.ClusterServiceImpl;
import java.time.Duration;
import java.util.List;

/**
 * Splits embedded members of this JVM into two clusters for real, and lets them merge again,
 * through Hazelcast's internals (test code only; no public API cuts a member off in one process):
 * each side takes the other side's members for dead ({@code ClusterServiceImpl.suspectMember},
 * what a missed heartbeat does) and its joiner leaves their addresses out of its search for other
 * clusters (the blacklist Hazelcast's own split-brain tests use) until {@link #heal}; then the
 * split-brain handler finds the other side and the smaller one merges into the larger, as after a
 * network partition: MERGING and MERGED on the smaller side's members, whose member UUIDs change,
 * and its data merged by the merge policy.
 */
final class SplitBrain {
    private SplitBrain() {
    }

    /**
     * Cuts {@code lonely} off {@code others}; returns once each side counts only itself. A
     * suspicion can be lost to a member-list update already under way (a busy machine makes that
     * likelier), so the sides suspect each other again every second until the split shows.
     */
    static void isolate(HazelcastInstance lonely, List<HazelcastInstance> others) {
        for (HazelcastInstance other : others) {
            node(lonely).getJoiner().blacklist(address(other), false);
            node(other).getJoiner().blacklist(address(lonely), false);
        }
        await("the split").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (isSplit(lonely, others)) {
                        return true;
                    }
                    for (HazelcastInstance other : others) {
                        suspect(other, lonely);
                        suspect(lonely, other);
                    }
                    return false;
                });
    }

    private static boolean isSplit(HazelcastInstance lonely, List<HazelcastInstance> others) {
        return lonely.getCluster().getMembers().size() == 1 && others.stream()
                .allMatch(other -> other.getCluster().getMembers().size() == others.size());
    }

    /** Lets {@code lonely} and {@code others} find each other again: the next merge run joins them. */
    static void heal(HazelcastInstance lonely, List<HazelcastInstance> others) {
        for (HazelcastInstance other : others) {
            node(lonely).getJoiner().unblacklist(address(other));
            node(other).getJoiner().unblacklist(address(lonely));
        }
    }

    private static void suspect(HazelcastInstance by, HazelcastInstance whom) {
        ClusterServiceImpl clusterService = node(by).getClusterService();
        MemberImpl member = clusterService.getMember(address(whom));
        if (member != null) {
            clusterService.suspectMember(member, "test: network split", true);
        }
    }

    private static Address address(HazelcastInstance instance) {
        return node(instance).getThisAddress();
    }

    private static Node node(HazelcastInstance instance) {
        return ((HazelcastInstanceProxy) instance).getOriginal().node;
    }
}
