package io.wssocket.server;

import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.PresenceEvent;
import io.wssocket.spi.ClusterSettings;
import io.wssocket.spi.ClusterTransport;
import io.wssocket.spi.ClusterTransportProvider;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A server's {@link Cluster}: what a message published on any node means for this node's sessions,
 * over the {@link ClusterTransport} found on the class path. Every message, this node's too, comes
 * back through the transport, so all nodes deliver in the transport's order.
 */
final class ClusterMessaging implements Cluster, ClusterTransport.Receiver {
    private static final System.Logger LOG = System.getLogger(ClusterMessaging.class.getName());
    private static final byte TO_PATH = 0;
    private static final byte TO_GROUP = 1;
    private static final byte TO_SESSION = 2;
    private static final String PATH_SCOPE = "p:";
    private static final String GROUP_SCOPE = "g:";

    private ClusterTransport transport;
    /** Each endpoint path's open sessions of this node, seen through a set that tells the cluster. */
    private final Map<String, ObservedSessions> byPath = new ConcurrentHashMap<>();
    /** This node's open sessions by id, each with its endpoint path. */
    private final Map<String, LocalSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> byGroup = new ConcurrentHashMap<>();
    private final Map<Session, Set<String>> groupsOf = new ConcurrentHashMap<>();
    private final List<Consumer<PresenceEvent>> presenceListeners = new CopyOnWriteArrayList<>();
    /** Records this node's presence in the cluster: the latest state of each session, one at a time. */
    private final PresenceUpdater presenceUpdater;

    private ClusterMessaging(int pendingBound) {
        this.presenceUpdater = new PresenceUpdater(pendingBound, this::presenceOf, byId::keySet);
    }

    /**
     * Joins the cluster of {@code config}'s cluster options through the transport on the runtime's
     * class path.
     *
     * @throws IOException when there is no transport or it cannot join
     */
    static ClusterMessaging join(ServerConfig config) throws IOException {
        ClusterSettings settings = config.clusterSettings();
        ClusterTransportProvider provider;
        try {
            provider = ServiceLoader.load(ClusterTransportProvider.class, ClusterMessaging.class.getClassLoader())
                    .findFirst().orElseThrow(() -> new IOException("cluster-name is set (" + settings.name()
                            + ") but no cluster transport is on the class path: add wssocket-hazelcast"));
        } catch (ServiceConfigurationError e) {
            throw new IOException("the cluster transport on the class path cannot be loaded: " + e, e);
        }
        return join(provider, config);
    }

    /**
     * Joins through {@code provider} the cluster of {@code config}'s cluster options, with at most
     * {@code cluster-presence-pending-max} sessions' presence pending.
     */
    static ClusterMessaging join(ClusterTransportProvider provider, ServerConfig config) throws IOException {
        ClusterMessaging cluster = new ClusterMessaging(config.clusterPresencePendingMax());
        cluster.transport = provider.join(config.clusterSettings(), cluster);
        cluster.presenceUpdater.start(cluster.transport);
        return cluster;
    }

    /** The set {@code path}'s sessions are counted in: {@code sessions}, seen by the cluster. */
    Set<Session> observe(String path, Set<Session> sessions) {
        // A path redeployed has a new set of its own: its sessions are the ones observed from then on.
        return byPath.compute(path, (p, seen) -> seen != null && seen.sessions == sessions ? seen
                : new ObservedSessions(p, sessions));
    }

    /** Leaves the cluster once this node's sessions are closed. */
    void close() {
        presenceUpdater.stop();
        transport.close();
    }

    /** The updater, for tests: how many sessions' presence waits, at most, and re-syncs. */
    PresenceUpdater presenceUpdater() {
        return presenceUpdater;
    }

    @Override
    public String nodeId() {
        return transport.nodeId();
    }

    @Override
    public void broadcast(String path, String text) {
        publish(TO_PATH, path, text);
    }

    @Override
    public void broadcast(String path, ByteBuffer data) {
        publish(TO_PATH, path, data);
    }

    @Override
    public void broadcastToGroup(String group, String text) {
        publish(TO_GROUP, group, text);
    }

    @Override
    public void broadcastToGroup(String group, ByteBuffer data) {
        publish(TO_GROUP, group, data);
    }

    @Override
    public void sendTo(String sessionId, String text) {
        publish(TO_SESSION, sessionId, text);
    }

    @Override
    public void sendTo(String sessionId, ByteBuffer data) {
        publish(TO_SESSION, sessionId, data);
    }

    @Override
    public void join(Session session, String group) {
        if (!byId.containsKey(session.getId())) {
            throw new IllegalArgumentException("session " + session.getId() + " is not open on this node");
        }
        if (groupsOf.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(group)) {
            byGroup.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(session);
            presenceUpdater.changed(session.getId());
        }
    }

    @Override
    public void leave(Session session, String group) {
        Set<String> groups = groupsOf.get(session);
        if (groups != null && groups.remove(group)) {
            leftGroup(session, group);
        }
    }

    private void leftGroup(Session session, String group) {
        Set<Session> members = byGroup.get(group);
        if (members != null) {
            members.remove(session);
        }
        presenceUpdater.changed(session.getId());
    }

    @Override
    public Set<String> sessions(String path) {
        return transport.presentIn(PATH_SCOPE + path);
    }

    @Override
    public Set<String> groupMembers(String group) {
        return transport.presentIn(GROUP_SCOPE + group);
    }

    @Override
    public Subscription onPresence(Consumer<PresenceEvent> listener) {
        presenceListeners.add(listener);
        return () -> presenceListeners.remove(listener);
    }

    // ---- what the transport tells ----

    @Override
    public void message(byte[] message) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(message));
            byte kind = in.readByte();
            boolean binary = in.readBoolean();
            String target = in.readUTF();
            byte[] payload = in.readAllBytes();
            // Decoded or wrapped once for every session it goes to (the same String lets the
            // sessions share one encoded frame; each binary send gets a duplicate of one view).
            String text = binary ? null : new String(payload, StandardCharsets.UTF_8);
            ByteBuffer data = binary ? ByteBuffer.wrap(payload).asReadOnlyBuffer() : null;
            switch (kind) {
                case TO_PATH -> {
                    ObservedSessions sessions = byPath.get(target);
                    if (sessions != null) {
                        sessions.forEach(s -> deliver(s, text, data));
                    }
                }
                case TO_GROUP -> {
                    Set<Session> sessions = byGroup.get(target);
                    if (sessions != null) {
                        sessions.forEach(s -> deliver(s, text, data));
                    }
                }
                case TO_SESSION -> {
                    LocalSession local = byId.get(target);
                    if (local != null) {
                        deliver(local.session(), text, data);
                    }
                }
                default -> LOG.log(System.Logger.Level.WARNING, "cluster message of unknown kind " + kind + " ignored");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "malformed cluster message ignored", e);
        }
    }

    /** Asynchronous sends, so a slow peer holds up nobody; a session's sends keep their order. */
    private static void deliver(Session session, String text, ByteBuffer data) {
        if (!session.isOpen()) {
            return;
        }
        try {
            if (text != null) {
                session.getAsyncRemote().sendText(text);
            } else {
                session.getAsyncRemote().sendBinary(data.duplicate());
            }
        } catch (RuntimeException e) {
            // The session closed meanwhile: its outcome is its own, not the broadcast's.
            LOG.log(System.Logger.Level.DEBUG, "cluster delivery to session " + session.getId() + " failed", e);
        }
    }

    @Override
    public synchronized void presence(String scope, String sessionId, boolean joined) {
        PresenceEvent.Scope kind = scope.startsWith(PATH_SCOPE) ? PresenceEvent.Scope.PATH : PresenceEvent.Scope.GROUP;
        PresenceEvent event = new PresenceEvent(kind, scope.substring(2), sessionId, joined);
        for (Consumer<PresenceEvent> listener : presenceListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "presence listener " + listener + " threw", e);
            }
        }
    }

    // ---- this node's sessions ----

    private void opened(String path, Session session) {
        byId.put(session.getId(), new LocalSession(path, session));
        presenceUpdater.changed(session.getId());
    }

    private void closed(String path, Session session) {
        byId.remove(session.getId(), new LocalSession(path, session));
        Set<String> groups = groupsOf.remove(session);
        if (groups != null) {
            for (String group : groups) {
                leftGroup(session, group);
            }
        }
        presenceUpdater.changed(session.getId());
    }

    /**
     * The scopes a session of this node is present in now: its endpoint path and its groups; none
     * once it has closed. Read by the updater when it records the session, so that the state
     * recorded is the latest.
     */
    private Set<String> presenceOf(String sessionId) {
        LocalSession local = byId.get(sessionId);
        if (local == null) {
            return Set.of();
        }
        Set<String> scopes = new HashSet<>();
        scopes.add(PATH_SCOPE + local.path());
        for (String group : groupsOf.getOrDefault(local.session(), Set.of())) {
            scopes.add(GROUP_SCOPE + group);
        }
        return scopes;
    }

    /** A session open on this node and the endpoint path it was opened on. */
    private record LocalSession(String path, Session session) {
    }

    private void publish(byte kind, String target, String text) {
        publish(kind, target, false, text.getBytes(StandardCharsets.UTF_8));
    }

    private void publish(byte kind, String target, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        publish(kind, target, true, bytes);
    }

    private void publish(byte kind, String target, boolean binary, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + target.length() + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeBoolean(binary);
            out.writeUTF(target);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        transport.publish(bytes.toByteArray());
    }

    /**
     * An endpoint's open sessions on this node, the set {@code Session.getOpenSessions()} reads,
     * telling the cluster of each session counted in or out.
     */
    private final class ObservedSessions extends AbstractSet<Session> {
        private final String path;
        private final Set<Session> sessions;

        ObservedSessions(String path, Set<Session> sessions) {
            this.path = path;
            this.sessions = sessions;
        }

        @Override
        public boolean add(Session session) {
            boolean added = sessions.add(session);
            if (added) {
                opened(path, session);
            }
            return added;
        }

        @Override
        public boolean remove(Object o) {
            boolean removed = sessions.remove(o);
            if (removed) {
                closed(path, (Session) o);
            }
            return removed;
        }

        @Override
        public boolean contains(Object o) {
            return sessions.contains(o);
        }

        @Override
        public Iterator<Session> iterator() {
            return sessions.iterator();
        }

        @Override
        public int size() {
            return sessions.size();
        }
    }
}
