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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
final class SplitBrain implements AutoCloseable {
    private final HazelcastInstance lonely;
    private final List<HazelcastInstance> others;
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "split-keeper");
        thread.setDaemon(true);
        return thread;
    });

    private SplitBrain(HazelcastInstance lonely, List<HazelcastInstance> others) {
        this.lonely = lonely;
        this.others = others;
    }

    /**
     * Cuts {@code lonely} off {@code others}; returns once each side counts only itself, and keeps
     * them apart until {@link #heal}. As a firewall would: every 200 ms a member of either side
     * that sees one of the other side in its member list takes it for dead again, since a member
     * list update or a mastership claim under way can carry a member back across the cut (seen
     * when the machine is busy). {@code lonely} should not be the master (see PresenceAfterSplitTest).
     */
    static SplitBrain isolate(HazelcastInstance lonely, List<HazelcastInstance> others) {
        SplitBrain split = new SplitBrain(lonely, others);
        for (HazelcastInstance other : others) {
            node(lonely).getJoiner().blacklist(address(other), false);
            node(other).getJoiner().blacklist(address(lonely), false);
        }
        split.keeper.scheduleWithFixedDelay(split::keepApart, 0, 200, TimeUnit.MILLISECONDS);
        await("the split").atMost(Duration.ofSeconds(90)).until(split::isSplit);
        return split;
    }

    /**
     * Lets the two sides find each other again: the next merge run joins them. {@code gone} are
     * members of the other side that died meanwhile.
     */
    void heal(List<HazelcastInstance> gone) {
        close();
        for (HazelcastInstance other : others) {
            if (!gone.contains(other)) {
                node(lonely).getJoiner().unblacklist(address(other));
                node(other).getJoiner().unblacklist(address(lonely));
            }
        }
    }

    /** Stops keeping the sides apart (a test that ends while split). */
    @Override
    public void close() {
        keeper.shutdownNow();
        try {
            keeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keepApart() {
        for (HazelcastInstance other : others) {
            if (other.getLifecycleService().isRunning() && lonely.getLifecycleService().isRunning()) {
                suspect(other, lonely);
                suspect(lonely, other);
            }
        }
    }

    private boolean isSplit() {
        return lonely.getCluster().getMembers().size() == 1 && others.stream()
                .allMatch(other -> other.getCluster().getMembers().size() == others.size());
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
