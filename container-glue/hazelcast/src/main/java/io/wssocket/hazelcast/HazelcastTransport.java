package io.wssocket.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import io.wssocket.spi.ClusterTransport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's connection to the cluster: one reliable topic (a ring buffer in one partition, with a
 * backup) carries every message; presence is a multimap scope → session ids, each tagged with the
 * id of the node that recorded it, and a second one node → what it recorded, so that the nodes
 * that remain remove a departed node's sessions at once.
 *
 * <p>A node's id is its own (a random UUID), not its Hazelcast member's: a member that merges
 * back after a split gets a new member UUID. A member carries the id as its attribute
 * {@value #NODE_ATTRIBUTE}, which the merge keeps.
 *
 * <p>How a departed node is noticed: a member by Hazelcast's membership (every member of ours
 * listens). A client is no member, and the members may be a Hazelcast cluster running no code of
 * ours, so a client node holds a lease instead: an entry of the map {@value #LEASES} under its id,
 * put with a time to live of {@code cluster-client-lease} and renewed every third of it. The
 * members expire the entry of a client that stopped renewing (killed, cut off); every node of ours
 * is told, and removes that node's presence unless its lease is back. A node that joins also
 * removes what nodes neither members nor holding a lease left behind (all nodes of ours were away
 * when the lease expired).
 *
 * <p>How presence heals: each node keeps what it recorded ({@link #mine}) and is the only one to
 * record it. It records it again, and removes what the cluster holds of its own beyond it, when
 * the cluster may have lost or resurrected some of it: when its member merged after a split
 * (Hazelcast's merge keeps the larger side's entries of a scope both sides hold, and brings back
 * entries the larger side had removed), when a partition lost copies (its owner, or more), when a client
 * node is connected again or finds its lease gone, and when another node asks after its own merge.
 * The same heal removes entries of nodes that are neither members nor hold a lease (gone for good
 * while the cluster was split), and a node that sees an entry of its own removed by another (which
 * took it for gone) records it again. Each node tells its receiver the cluster's presence as it
 * saw it change ({@link #told}): a change is told once (a removal done by two nodes is one leave),
 * and after a heal the difference between what was told and what the cluster holds is told, so
 * that the joins and leaves a merge brought silently reach the listeners.
 */
final class HazelcastTransport implements ClusterTransport {
    private static final System.Logger LOG = System.getLogger(HazelcastTransport.class.getName());
    static final String PRESENCE = "wssocket.presence";
    static final String PRESENCE_BY_NODE = "wssocket.presence-by-node";
    static final String LEASES = "wssocket.leases";
    /** A plain topic: a node that merged asks every node to heal its presence. */
    static final String HEAL_REQUESTS = "wssocket.presence-heal";
    /** The member attribute that holds the id of the node of ours the member belongs to. */
    static final String NODE_ATTRIBUTE = "wssocket.node";
    private static final String LEASE_HOLDER = "client";
    /** How long a heal that failed (the cluster unreachable) waits before it is tried again. */
    private static final long HEAL_RETRY_MILLIS = 2_000;

    private final HazelcastInstance instance;
    private final String nodeId;
    private final UUID nodeUuid;
    /** The number of this node's next message, by which the others recognise a repeat of it. */
    private final AtomicLong published = new AtomicLong();
    private final ITopic<byte[]> topic;
    private final MultiMap<String, String> presence;
    private final MultiMap<String, String> presenceByNode;
    private final IMap<String, String> leases;
    private final ITopic<String> healRequests;
    private final Receiver receiver;
    private final long leaseMillis;
    private final UUID messageListener;
    private final UUID presenceListener;
    private final UUID membershipListener;
    private final UUID leaseListener;
    private final UUID lifecycleListener;
    private final UUID partitionLostListener;
    private final UUID healListener;
    /**
     * What this node recorded, {@code scope \n sessionId}: what the runtime told it present and not
     * yet absent, whether or not the engine took it. Guarded by {@link #recording}, held while
     * the cluster is changed accordingly, so that a heal never records what was just removed.
     */
    private final Set<String> mine = new HashSet<>();
    private final Object recording = new Object();
    /** The presence told to the receiver, scope → session ids; read and written on {@link #events} only. */
    private final Map<String, Set<String>> told = new HashMap<>();
    /** Tells the receiver of presence changes in order, one at a time, off Hazelcast's event threads. */
    private final ExecutorService events = daemonThread("wssocket-hazelcast-presence-events");
    /** Removes departed nodes' presence and heals, off Hazelcast's event threads (which must not block). */
    private final ExecutorService cleanup = daemonThread("wssocket-hazelcast-cleanup");
    /** Renews a client node's lease and retries a heal that failed. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wssocket-hazelcast-timer");
        t.setDaemon(true);
        return t;
    });
    /** A heal waits in {@link #cleanup}; another request joins it. */
    private final AtomicBoolean healWaiting = new AtomicBoolean();
    /** The heal that waits asks the other nodes to heal once it is done (this member merged). */
    private final AtomicBoolean askOthersToHeal = new AtomicBoolean();
    /** Renewals left that heal again, after this client node's lease was found gone. */
    private int healAgain;

    /**
     * @param nodeUuid this node's id, the attribute {@value #NODE_ATTRIBUTE} of a member
     * @param leaseMillis a client node's lease; 0 for a member, which holds none
     */
    HazelcastTransport(HazelcastInstance instance, UUID nodeUuid, Receiver receiver, long leaseMillis) {
        this.instance = instance;
        this.receiver = receiver;
        this.leaseMillis = leaseMillis;
        this.nodeUuid = nodeUuid;
        this.nodeId = nodeUuid.toString();
        this.leases = instance.getMap(LEASES);
        if (leaseMillis > 0) {
            // Before anything is recorded, so that no node takes what it records for left behind.
            leases.put(nodeId, LEASE_HOLDER, leaseMillis, TimeUnit.MILLISECONDS);
        }
        this.topic = instance.getReliableTopic(HazelcastTransportProvider.TOPIC);
        this.presence = instance.getMultiMap(PRESENCE);
        this.presenceByNode = instance.getMultiMap(PRESENCE_BY_NODE);
        this.healRequests = instance.getTopic(HEAL_REQUESTS);
        // What is present when this node joins was there before it: learnt first, told to nobody;
        // the changes the listener tells from now on queue up behind.
        events.execute(this::learnPresence);
        this.presenceListener = presence.addEntryListener(new PresenceEvents(), true);
        this.membershipListener = instance.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a node of ours that joins records its own presence
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String departed = event.getMember().getAttribute(NODE_ATTRIBUTE);
                if (departed != null && !departed.equals(nodeId)) {
                    inCleanup(() -> removePresenceIfNoMember(departed));
                }
            }
        });
        this.leaseListener = leases.addEntryListener((EntryExpiredListener<String, String>) event -> {
            String departed = event.getKey();
            if (!departed.equals(nodeId)) {
                inCleanup(() -> removePresenceIfGone(departed));
            }
        }, false);
        this.lifecycleListener = instance.getLifecycleService().addLifecycleListener(this::lifecycle);
        // Also when only the owner was lost and a backup took its place: the heal sweeps entries of
        // departed nodes that the membership event's cleanup missed while partitions changed hands
        // (seen on the member a split left alone when this heal was skipped).
        this.partitionLostListener = instance.getPartitionService().addPartitionLostListener(
                event -> heal("partition " + event.getPartitionId() + (event.allReplicasInPartitionLost()
                        ? " lost every copy" : " lost " + (event.getLostBackupCount() + 1) + " of its copies"), false));
        this.healListener = healRequests.addMessageListener(message -> {
            if (!nodeId.equals(message.getMessageObject())) {
                heal("node " + message.getMessageObject() + " merged into the cluster", false);
            }
        });
        this.messageListener = topic.addMessageListener(new Messages(receiver));
        inCleanup(this::removeLeftBehind);
        if (leaseMillis > 0) {
            long every = Math.max(1, leaseMillis / 3);
            timer.scheduleWithFixedDelay(this::renewLease, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private void inCleanup(Runnable task) {
        try {
            cleanup.execute(task);
        } catch (RejectedExecutionException e) {
            // closing ourselves
        }
    }

    private void lifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            // This member merged into the larger side of a split: what it recorded may have been
            // dropped by the merge, and the others removed it when they lost sight of this node.
            case MERGED -> heal("its member merged into the cluster after a split", true);
            // A client cut off may have missed removals of its presence; one moved to another
            // cluster has none there.
            case CLIENT_CONNECTED -> heal("it is connected to the cluster again", false);
            case CLIENT_CHANGED_CLUSTER -> heal("it was connected to another cluster", false);
            default -> {
                // nothing to heal
            }
        }
    }

    /** On the timer: puts the lease back for a full term; heals when it was gone. */
    private void renewLease() {
        try {
            Object held = leases.put(nodeId, LEASE_HOLDER, leaseMillis, TimeUnit.MILLISECONDS);
            if (held == null) {
                LOG.log(System.Logger.Level.WARNING, "cluster lease of node " + nodeId + " had expired (cut off for "
                        + "longer than cluster-client-lease, " + leaseMillis + " ms): its presence is recorded again");
                healAgain = 1;
                heal("its lease had expired", false);
            } else if (healAgain > 0) {
                // A removal that raced the first heal, done before this node listened again.
                healAgain--;
                heal("its lease had expired, a renewal ago", false);
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
        String entry = entry(scope, sessionId);
        synchronized (recording) {
            mine.add(entry);
            presenceByNode.put(nodeId, entry);
            presence.put(scope, tagged(nodeId, sessionId));
        }
    }

    @Override
    public void absent(String scope, String sessionId) {
        String entry = entry(scope, sessionId);
        synchronized (recording) {
            mine.remove(entry);
            presence.remove(scope, tagged(nodeId, sessionId));
            presenceByNode.remove(nodeId, entry);
        }
    }

    @Override
    public Set<String> presentIn(String scope) {
        Set<String> ids = new HashSet<>();
        for (String value : presence.get(scope)) {
            ids.add(sessionOf(value));
        }
        return Set.copyOf(ids);
    }

    @Override
    public void close() {
        cleanup.shutdownNow();
        timer.shutdownNow();
        events.shutdownNow();
        try {
            topic.removeMessageListener(messageListener);
            presence.removeEntryListener(presenceListener);
            leases.removeEntryListener(leaseListener);
            healRequests.removeMessageListener(healListener);
            instance.getPartitionService().removePartitionLostListener(partitionLostListener);
            instance.getLifecycleService().removeLifecycleListener(lifecycleListener);
            instance.getCluster().removeMembershipListener(membershipListener);
            synchronized (recording) { // whatever a session's leave did not remove
                for (String entry : mine) {
                    presence.remove(scopeOf(entry), tagged(nodeId, sessionOf(entry)));
                }
                mine.clear();
            }
            removePresenceOf(nodeId);
            if (leaseMillis > 0) {
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

    // ---- departed nodes ----

    /**
     * Every member that remains runs this for a departed one; a removal already made by another
     * is a no-op, and Hazelcast tells a leave only for a removal that happened.
     */
    private void removePresenceOf(String node) {
        for (String entry : presenceByNode.get(node)) {
            presence.remove(scopeOf(entry), tagged(node, sessionOf(entry)));
        }
        presenceByNode.remove(node);
    }

    /** A member left: its presence goes, unless it is a member again (merged back meanwhile). */
    private void removePresenceIfNoMember(String node) {
        try {
            if (!isMember(node)) {
                removePresenceOf(node);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "presence of departed cluster node " + node + " not removed", e);
        }
    }

    /** A client node's lease expired: its presence goes, unless the node has put its lease back. */
    private void removePresenceIfGone(String node) {
        try {
            if (!leases.containsKey(node)) {
                LOG.log(System.Logger.Level.INFO, "cluster node " + node + " stopped renewing its lease: its sessions' "
                        + "presence is removed");
                removePresenceOf(node);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "presence of cluster node " + node + " not removed", e);
        }
    }

    /** What nodes that are neither members nor holding a lease recorded: left when nobody could remove it. */
    private void removeLeftBehind() {
        try {
            for (String node : presenceByNode.keySet()) {
                // Asked for each node when it comes, so that a node that joined meanwhile counts.
                if (!isLive(node)) {
                    LOG.log(System.Logger.Level.INFO, "cluster node " + node + " is gone: the presence it left is removed");
                    removePresenceOf(node);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "looking for presence left behind", e);
        }
    }

    /** True when {@code node} is this node, a member of ours, or a client node that holds its lease. */
    private boolean isLive(String node) {
        return node.equals(nodeId) || isMember(node) || leases.containsKey(node);
    }

    private boolean isMember(String node) {
        for (Member member : instance.getCluster().getMembers()) {
            if (node.equals(member.getAttribute(NODE_ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }

    // ---- healing ----

    /**
     * Heals this node's presence on {@link #cleanup}: at most one heal waits there, which serves
     * every request made until it starts.
     *
     * @param why for the log
     * @param askOthers ask every other node to heal too once done (this member merged)
     */
    private void heal(String why, boolean askOthers) {
        if (askOthers) {
            askOthersToHeal.set(true);
        }
        if (healWaiting.compareAndSet(false, true)) {
            inCleanup(() -> {
                healWaiting.set(false);
                healNow(why);
            });
        }
    }

    private void healNow(String why) {
        boolean ask = askOthersToHeal.getAndSet(false);
        try {
            LOG.log(System.Logger.Level.INFO, "cluster node " + nodeId + " records its presence again: " + why);
            recordAgain();
            removeStale();
            if (ask) {
                healRequests.publish(nodeId);
            }
            events.execute(this::tellWhatChanged);
        } catch (RuntimeException | Error e) {
            if (ask) {
                askOthersToHeal.set(true);
            }
            LOG.log(System.Logger.Level.WARNING, "healing the cluster presence of node " + nodeId + " failed (tried "
                    + "again in " + HEAL_RETRY_MILLIS + " ms)", e);
            try {
                timer.schedule(() -> heal(why, false), HEAL_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // closing ourselves
            }
        }
    }

    /** Records what this node holds again, and removes its own entries the cluster holds beyond it. */
    private void recordAgain() {
        synchronized (recording) {
            for (String entry : mine) {
                presenceByNode.put(nodeId, entry);
                presence.put(scopeOf(entry), tagged(nodeId, sessionOf(entry)));
            }
            for (String entry : presenceByNode.get(nodeId)) {
                if (!mine.contains(entry)) {
                    presence.remove(scopeOf(entry), tagged(nodeId, sessionOf(entry)));
                    presenceByNode.remove(nodeId, entry);
                }
            }
        }
    }

    /**
     * Removes the entries of presence no live node stands for: this node's that it no longer
     * holds, and those of nodes gone (their removal missed while the cluster was split).
     */
    private void removeStale() {
        Set<String> live = new HashSet<>();
        for (Map.Entry<String, String> tagged : presence.entrySet()) {
            String scope = tagged.getKey();
            String value = tagged.getValue();
            String owner = ownerOf(value);
            if (owner.equals(nodeId)) {
                synchronized (recording) {
                    if (!mine.contains(entry(scope, sessionOf(value)))) {
                        presence.remove(scope, value);
                    }
                }
            } else if (!live.contains(owner)) {
                if (isLive(owner)) {
                    live.add(owner);
                } else {
                    LOG.log(System.Logger.Level.INFO, () -> "session " + sessionOf(value) + " of gone cluster node "
                            + owner + " is removed from " + scope);
                    presence.remove(scope, value);
                }
            }
        }
        removeLeftBehind();
    }

    // ---- what the receiver is told ----

    /** On {@link #events}: what is present when this node joins, told to nobody. */
    private void learnPresence() {
        try {
            told.clear();
            told.putAll(snapshot());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the cluster's presence at join", e);
        }
    }

    /** On {@link #events}: tells the receiver the difference between what it was told and the cluster's presence. */
    private void tellWhatChanged() {
        Map<String, Set<String>> now;
        try {
            now = snapshot();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the cluster's presence after a heal", e);
            return;
        }
        for (Map.Entry<String, Set<String>> scope : Map.copyOf(told).entrySet()) {
            Set<String> present = now.getOrDefault(scope.getKey(), Set.of());
            for (String id : Set.copyOf(scope.getValue())) {
                if (!present.contains(id)) {
                    tell(scope.getKey(), id, false);
                }
            }
        }
        now.forEach((scope, ids) -> ids.forEach(id -> tell(scope, id, true)));
    }

    /** The cluster's presence, scope → session ids. */
    private Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> now = new HashMap<>();
        for (Map.Entry<String, String> tagged : presence.entrySet()) {
            now.computeIfAbsent(tagged.getKey(), s -> new HashSet<>()).add(sessionOf(tagged.getValue()));
        }
        return now;
    }

    /** On {@link #events}: tells the receiver of a change unless it was told already. */
    private void tell(String scope, String sessionId, boolean joined) {
        Set<String> ids = told.computeIfAbsent(scope, s -> new HashSet<>());
        boolean changed = joined ? ids.add(sessionId) : ids.remove(sessionId);
        if (ids.isEmpty()) {
            told.remove(scope);
        }
        if (changed) {
            try {
                receiver.presence(scope, sessionId, joined);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the receiver of presence events threw", e);
            }
        }
    }

    private void inEvents(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // closing ourselves
        }
    }

    /** Joins and leaves in the presence multimap, to the runtime, and this node's own entries kept. */
    private final class PresenceEvents implements EntryListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            String value = event.getValue();
            inEvents(() -> tell(event.getKey(), sessionOf(value), true));
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            String value = event.getOldValue() != null ? event.getOldValue() : event.getValue();
            String scope = event.getKey();
            inEvents(() -> tell(scope, sessionOf(value), false));
            if (ownerOf(value).equals(nodeId)) {
                // Removed by another node that took this one for gone: recorded again if still held.
                inCleanup(() -> keep(scope, sessionOf(value)));
            }
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

    /** On {@link #cleanup}: records an entry of this node's again if it still holds it. */
    private void keep(String scope, String sessionId) {
        try {
            synchronized (recording) {
                String entry = entry(scope, sessionId);
                if (mine.contains(entry)) {
                    LOG.log(System.Logger.Level.INFO, () -> "presence of session " + sessionId + " in " + scope
                            + " was removed by another cluster node: recorded again");
                    presenceByNode.put(nodeId, entry);
                    presence.put(scope, tagged(nodeId, sessionId));
                }
            }
        } catch (RuntimeException e) {
            heal("recording a removed entry again failed", false);
        }
    }

    // ---- entries ----

    /** An entry of {@link #PRESENCE_BY_NODE} and of {@link #mine}: a scope and a session id. */
    private static String entry(String scope, String sessionId) {
        return scope + '\n' + sessionId;
    }

    /** A value of {@link #PRESENCE}: the session's id after the id of the node that recorded it. */
    static String tagged(String node, String sessionId) {
        return node + '\n' + sessionId;
    }

    /** The scope of an {@link #entry}: a session id has no line break, a scope may. */
    private static String scopeOf(String entry) {
        return entry.substring(0, entry.lastIndexOf('\n'));
    }

    /** The session id of an {@link #entry} or a {@link #tagged} value. */
    static String sessionOf(String entryOrTagged) {
        return entryOrTagged.substring(entryOrTagged.lastIndexOf('\n') + 1);
    }

    /** The node that recorded a {@link #tagged} value; empty for a value without one. */
    private static String ownerOf(String tagged) {
        int split = tagged.indexOf('\n');
        return split < 0 ? "" : tagged.substring(0, split);
    }

    /**
     * Reads the ring buffer from the next message on, in order, one batch after another; loss
     * tolerant: a node that fell more than the ring's capacity behind goes on from the oldest
     * message left (logged as a warning, with how many it missed) instead of stopping. A message stored twice (a write
     * retried after its member died) is delivered once.
     */
    private static final class Messages implements ReliableMessageListener<byte[]> {
        private final Receiver receiver;
        private final RepeatFilter repeats = new RepeatFilter();
        private final SequenceWatch sequences = new SequenceWatch(HazelcastTransportProvider.TOPIC);

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

        /**
         * Nothing is stored (a node that restarts starts with the messages published from then on);
         * the sequence read is compared with the one expected, since Hazelcast says at FINEST only
         * that a loss-tolerant listener skipped messages.
         */
        @Override
        public void storeSequence(long sequence) {
            sequences.next(sequence);
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
}
