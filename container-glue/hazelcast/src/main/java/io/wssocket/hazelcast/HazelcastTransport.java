package io.wssocket.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import io.wssocket.spi.ClusterTransport;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's connection to the cluster: one reliable topic (a ring buffer in one partition, with a
 * backup) carries every message; presence is a multimap scope → session ids, and a second one
 * node → what it recorded, so that the nodes that remain remove a departed node's sessions.
 *
 * <p>How a departed node is noticed: a member by Hazelcast's membership (every member of ours
 * listens). A client is no member, and the members may be a Hazelcast cluster running no code of
 * ours, so a client node holds a lease instead: an entry of the map {@value #LEASES} under its id,
 * put with a time to live of {@code cluster-client-lease} and renewed every third of it. The
 * members expire the entry of a client that stopped renewing (killed, cut off); every node of ours
 * is told, and removes that node's presence unless its lease is back. A client that finds its lease
 * gone when it renews (it was cut off for longer) puts it back and has the runtime record its
 * presence again, twice, a renewal apart, so that a removal racing with the first is undone by the
 * second. A node that joins also removes what nodes neither members nor holding a lease left
 * behind (all nodes of ours were away when the lease expired).
 */
final class HazelcastTransport implements ClusterTransport {
    private static final System.Logger LOG = System.getLogger(HazelcastTransport.class.getName());
    static final String PRESENCE = "wssocket.presence";
    static final String PRESENCE_BY_NODE = "wssocket.presence-by-node";
    static final String LEASES = "wssocket.leases";
    private static final String LEASE_HOLDER = "client";

    private final HazelcastInstance instance;
    private final String nodeId;
    private final UUID nodeUuid;
    /** The number of this node's next message, by which the others recognise a repeat of it. */
    private final AtomicLong published = new AtomicLong();
    private final ITopic<byte[]> topic;
    private final MultiMap<String, String> presence;
    private final MultiMap<String, String> presenceByNode;
    private final UUID messageListener;
    private final UUID presenceListener;
    private final UUID membershipListener;
    private final IMap<String, String> leases;
    private final UUID leaseListener;
    private final Receiver receiver;
    private final long leaseMillis;
    /** Renews a client node's lease; null for a member. */
    private final ScheduledExecutorService renewal;
    /** Renewals left that record this node's presence again, after its lease was found gone. */
    private int recordAgain;
    /** Removes a departed member's presence off Hazelcast's event threads (which must not block). */
    private final ExecutorService cleanup = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wssocket-hazelcast-cleanup");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param leaseMillis a client node's lease; 0 for a member, which holds none
     */
    HazelcastTransport(HazelcastInstance instance, Receiver receiver, long leaseMillis) {
        this.instance = instance;
        this.receiver = receiver;
        this.leaseMillis = leaseMillis;
        this.nodeUuid = instance.getLocalEndpoint().getUuid();
        this.nodeId = nodeUuid.toString();
        this.leases = instance.getMap(LEASES);
        if (leaseMillis > 0) {
            // Before anything is recorded, so that no node takes what it records for left behind.
            leases.put(nodeId, LEASE_HOLDER, leaseMillis, TimeUnit.MILLISECONDS);
        }
        this.topic = instance.getReliableTopic(HazelcastTransportProvider.TOPIC);
        this.presence = instance.getMultiMap(PRESENCE);
        this.presenceByNode = instance.getMultiMap(PRESENCE_BY_NODE);
        this.presenceListener = presence.addEntryListener(new PresenceEvents(receiver), true);
        this.membershipListener = instance.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // nothing recorded yet
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String departed = event.getMember().getUuid().toString();
                inCleanup(() -> removePresenceOf(departed));
            }
        });
        this.leaseListener = leases.addEntryListener((EntryExpiredListener<String, String>) event -> {
            String departed = event.getKey();
            if (!departed.equals(nodeId)) {
                inCleanup(() -> removePresenceIfGone(departed));
            }
        }, false);
        this.messageListener = topic.addMessageListener(new Messages(receiver));
        inCleanup(this::removeLeftBehind);
        if (leaseMillis > 0) {
            renewal = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wssocket-hazelcast-lease");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, leaseMillis / 3);
            renewal.scheduleWithFixedDelay(this::renewLease, every, every, TimeUnit.MILLISECONDS);
        } else {
            renewal = null;
        }
    }

    private void inCleanup(Runnable task) {
        try {
            cleanup.execute(task);
        } catch (RejectedExecutionException e) {
            // closing ourselves
        }
    }

    /** On the renewal thread: puts the lease back for a full term; records again when it was gone. */
    private void renewLease() {
        try {
            Object held = leases.put(nodeId, LEASE_HOLDER, leaseMillis, TimeUnit.MILLISECONDS);
            if (held == null) {
                LOG.log(System.Logger.Level.WARNING, "cluster lease of node " + nodeId + " had expired (cut off for "
                        + "longer than cluster-client-lease, " + leaseMillis + " ms): its presence is recorded again");
                recordAgain = 2;
            }
            if (recordAgain > 0) {
                recordAgain--;
                receiver.presenceLost();
            }
        } catch (RuntimeException e) {
            // Cut off, or closing: the next renewal tries again.
            LOG.log(System.Logger.Level.DEBUG, "renewing the cluster lease of node " + nodeId, e);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(byte[] message) {
        topic.publish(Numbered.wrap(nodeUuid, published.getAndIncrement(), message));
    }

    @Override
    public void present(String scope, String sessionId) {
        presenceByNode.put(nodeId, entry(scope, sessionId));
        presence.put(scope, sessionId);
    }

    @Override
    public void absent(String scope, String sessionId) {
        presence.remove(scope, sessionId);
        presenceByNode.remove(nodeId, entry(scope, sessionId));
    }

    @Override
    public Set<String> presentIn(String scope) {
        return Set.copyOf(presence.get(scope));
    }

    @Override
    public void close() {
        cleanup.shutdownNow();
        if (renewal != null) {
            renewal.shutdownNow();
        }
        try {
            topic.removeMessageListener(messageListener);
            presence.removeEntryListener(presenceListener);
            leases.removeEntryListener(leaseListener);
            instance.getCluster().removeMembershipListener(membershipListener);
            removePresenceOf(nodeId); // whatever a session's leave did not remove
            if (renewal != null) {
                leases.delete(nodeId); // a removal, not an expiry: the others have nothing to do
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "leaving the cluster", e);
        } finally {
            // A member leaves gracefully (its partitions migrate to the others first); a client just
            // disconnects from a cluster that is not ours.
            instance.shutdown();
        }
    }

    /**
     * Every member that remains runs this for a departed one; a removal already made by another
     * is a no-op, and Hazelcast tells a leave only for a removal that happened.
     */
    private void removePresenceOf(String node) {
        Collection<String> recorded = presenceByNode.get(node);
        for (String entry : recorded) {
            int split = entry.indexOf('\n');
            presence.remove(entry.substring(0, split), entry.substring(split + 1));
        }
        presenceByNode.remove(node);
    }

    /** A client node's lease expired: its presence goes, unless the node has put its lease back. */
    private void removePresenceIfGone(String node) {
        if (!leases.containsKey(node)) {
            LOG.log(System.Logger.Level.INFO, "cluster node " + node + " stopped renewing its lease: its sessions' "
                    + "presence is removed");
            removePresenceOf(node);
        }
    }

    /** What nodes that are neither members nor holding a lease recorded: left when nobody could remove it. */
    private void removeLeftBehind() {
        try {
            for (String node : presenceByNode.keySet()) {
                // Asked for each node when it comes, so that a node that joined meanwhile counts.
                if (!isMember(node) && !leases.containsKey(node)) {
                    LOG.log(System.Logger.Level.INFO, "cluster node " + node + " is gone: the presence it left is removed");
                    removePresenceOf(node);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "looking for presence left behind", e);
        }
    }

    private boolean isMember(String node) {
        for (Member member : instance.getCluster().getMembers()) {
            if (member.getUuid().toString().equals(node)) {
                return true;
            }
        }
        return false;
    }

    private static String entry(String scope, String sessionId) {
        return scope + '\n' + sessionId;
    }

    /**
     * Reads the ring buffer from the next message on, in order, one batch after another; loss
     * tolerant: a node that fell more than the ring's capacity behind goes on from the oldest
     * message left (Hazelcast logs the gap) instead of stopping. A message stored twice (a write
     * retried after its member died) is delivered once.
     */
    private static final class Messages implements ReliableMessageListener<byte[]> {
        private final Receiver receiver;
        private final RepeatFilter repeats = new RepeatFilter();

        Messages(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onMessage(Message<byte[]> message) {
            byte[] numbered = message.getMessageObject();
            if (!Numbered.isWellFormed(numbered)) {
                LOG.log(System.Logger.Level.WARNING, "a cluster message of " + numbered.length
                        + " bytes without a sender's number was dropped (a node of another version?)");
            } else if (repeats.firstTime(Numbered.publisher(numbered), Numbered.number(numbered))) {
                receiver.message(Numbered.payload(numbered));
            } else {
                LOG.log(System.Logger.Level.INFO, () -> "message " + Numbered.number(numbered) + " of cluster node "
                        + Numbered.publisher(numbered) + " was stored twice (a write retried after a member left): "
                        + "delivered once");
            }
        }

        @Override
        public long retrieveInitialSequence() {
            return -1; // from the next message published
        }

        @Override
        public void storeSequence(long sequence) {
            // nothing stored: a node that restarts starts with the messages published from then on
        }

        @Override
        public boolean isLossTolerant() {
            return true;
        }

        @Override
        public boolean isTerminal(Throwable failure) {
            LOG.log(System.Logger.Level.WARNING, "delivering a cluster message failed", failure);
            return false;
        }
    }

    /** Joins and leaves in the presence multimap, to the runtime. */
    private static final class PresenceEvents implements EntryListener<String, String> {
        private final Receiver receiver;

        PresenceEvents(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            receiver.presence(event.getKey(), event.getValue(), true);
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            String value = event.getOldValue() != null ? event.getOldValue() : event.getValue();
            receiver.presence(event.getKey(), value, false);
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            // a multimap's values are added and removed, never updated
        }

        @Override
        public void entryEvicted(EntryEvent<String, String> event) {
            // no eviction is configured
        }

        @Override
        public void entryExpired(EntryEvent<String, String> event) {
            // no expiry is configured
        }

        @Override
        public void mapEvicted(MapEvent event) {
            // not used
        }

        @Override
        public void mapCleared(MapEvent event) {
            // not used
        }
    }
}
