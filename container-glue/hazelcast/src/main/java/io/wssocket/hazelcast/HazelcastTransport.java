package io.wssocket.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapEvent;
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

/**
 * A node's connection to the cluster: one reliable topic (a ring buffer in one partition, with a
 * backup) carries every message; presence is a multimap scope → session ids, and a second one
 * node → what it recorded, so that the members that remain remove a departed member's sessions.
 */
final class HazelcastTransport implements ClusterTransport {
    private static final System.Logger LOG = System.getLogger(HazelcastTransport.class.getName());
    private static final String PRESENCE = "wssocket.presence";
    private static final String PRESENCE_BY_NODE = "wssocket.presence-by-node";

    private final HazelcastInstance instance;
    private final String nodeId;
    private final ITopic<byte[]> topic;
    private final MultiMap<String, String> presence;
    private final MultiMap<String, String> presenceByNode;
    private final UUID messageListener;
    private final UUID presenceListener;
    private final UUID membershipListener;
    /** Removes a departed member's presence off Hazelcast's event threads (which must not block). */
    private final ExecutorService cleanup = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wssocket-hazelcast-cleanup");
        t.setDaemon(true);
        return t;
    });

    HazelcastTransport(HazelcastInstance instance, Receiver receiver) {
        this.instance = instance;
        this.nodeId = instance.getLocalEndpoint().getUuid().toString();
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
                try {
                    cleanup.execute(() -> removePresenceOf(departed));
                } catch (RejectedExecutionException e) {
                    // closing ourselves
                }
            }
        });
        this.messageListener = topic.addMessageListener(new Messages(receiver));
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(byte[] message) {
        topic.publish(message);
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
        try {
            topic.removeMessageListener(messageListener);
            presence.removeEntryListener(presenceListener);
            instance.getCluster().removeMembershipListener(membershipListener);
            removePresenceOf(nodeId); // whatever a session's leave did not remove
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

    private static String entry(String scope, String sessionId) {
        return scope + '\n' + sessionId;
    }

    /**
     * Reads the ring buffer from the next message on, in order, one batch after another; loss
     * tolerant: a node that fell more than the ring's capacity behind goes on from the oldest
     * message left (Hazelcast logs the gap) instead of stopping.
     */
    private static final class Messages implements ReliableMessageListener<byte[]> {
        private final Receiver receiver;

        Messages(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onMessage(Message<byte[]> message) {
            receiver.message(message.getMessageObject());
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
