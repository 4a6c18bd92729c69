package io.wssocket.weld;

import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.ClusterAccess;
import io.wssocket.cluster.PresenceEvent;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cluster of the server an application runs on, the bean behind {@code @Inject Cluster}: it
 * may be injected before the server has joined its cluster (beans are made at deployment, the
 * cluster is joined at start), so each call asks the server for its cluster then. The server is
 * the one the application was deployed on, or, for a container started with {@link EmbeddedCdi},
 * the server of the first of its sessions to open.
 */
final class ApplicationCluster implements Cluster {
    private final String application;
    private volatile ClusterAccess server;

    /** @param deployedOn the server's container, or null when not known yet */
    ApplicationCluster(String application, WebSocketContainer deployedOn) {
        this.application = application;
        this.server = deployedOn instanceof ClusterAccess access ? access : null;
    }

    /** A session of the application opened: its server is the application's, when not known before. */
    void opened(Session session) {
        if (server == null && session.getContainer() instanceof ClusterAccess access) {
            server = access;
        }
    }

    private Cluster cluster() {
        ClusterAccess known = server;
        if (known == null) {
            throw new IllegalStateException("the cluster of " + application + " is not known yet: it is the cluster "
                    + "of the server it is deployed on (with EmbeddedCdi: of the first of its sessions to open)");
        }
        return known.cluster();
    }

    @Override
    public String nodeId() {
        return cluster().nodeId();
    }

    @Override
    public void broadcast(String path, String text) {
        cluster().broadcast(path, text);
    }

    @Override
    public void broadcast(String path, ByteBuffer data) {
        cluster().broadcast(path, data);
    }

    @Override
    public void broadcastToGroup(String group, String text) {
        cluster().broadcastToGroup(group, text);
    }

    @Override
    public void broadcastToGroup(String group, ByteBuffer data) {
        cluster().broadcastToGroup(group, data);
    }

    @Override
    public void sendTo(String sessionId, String text) {
        cluster().sendTo(sessionId, text);
    }

    @Override
    public void sendTo(String sessionId, ByteBuffer data) {
        cluster().sendTo(sessionId, data);
    }

    @Override
    public void join(Session session, String group) {
        cluster().join(session, group);
    }

    @Override
    public void leave(Session session, String group) {
        cluster().leave(session, group);
    }

    @Override
    public Set<String> sessions(String path) {
        return cluster().sessions(path);
    }

    @Override
    public Set<String> groupMembers(String group) {
        return cluster().groupMembers(group);
    }

    @Override
    public Subscription onPresence(Consumer<PresenceEvent> listener) {
        return cluster().onPresence(listener);
    }
}
