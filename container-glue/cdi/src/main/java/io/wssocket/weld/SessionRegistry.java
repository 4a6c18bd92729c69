package io.wssocket.weld;

import io.wssocket.cdi.OpenSessions;
import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.ClusterAccess;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The application's open server sessions by endpoint path; the bean behind {@code @Inject OpenSessions}. */
final class SessionRegistry implements OpenSessions {
    private final Map<String, Set<Session>> byPath = new ConcurrentHashMap<>();
    private final String application;
    /**
     * The server the application runs on: the one it was deployed on, or, for a container started
     * with {@link EmbeddedCdi}, the server of the first of its sessions to open.
     */
    private volatile ClusterAccess server;

    /** @param deployedOn the container of the server the application is deployed on, or null when not known */
    SessionRegistry(String application, WebSocketContainer deployedOn) {
        this.application = application;
        this.server = deployedOn instanceof ClusterAccess access ? access : null;
    }

    /**
     * The cluster of the application's server.
     *
     * @throws IllegalStateException when the server is not known yet or has no cluster
     */
    Cluster cluster() {
        ClusterAccess known = server;
        if (known == null) {
            throw new IllegalStateException("the cluster of " + application + " is not known yet: it is the cluster "
                    + "of the server it is deployed on (with EmbeddedCdi: of the first of its sessions to open)");
        }
        return known.cluster();
    }

    void add(String path, Session session) {
        if (server == null && session.getContainer() instanceof ClusterAccess access) {
            server = access;
        }
        byPath.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void remove(String path, Session session) {
        Set<Session> sessions = byPath.get(path);
        if (sessions != null) {
            sessions.remove(session);
        }
    }

    @Override
    public Set<Session> sessions(String path) {
        Set<Session> sessions = byPath.get(path);
        return sessions == null ? Set.of() : Set.copyOf(sessions);
    }

    @Override
    public int broadcast(String path, String text) {
        int sent = 0;
        for (Session session : sessions(path)) {
            if (session.isOpen()) {
                // The outcome is the peer's affair: a failed send closes that session, not the broadcast.
                session.getAsyncRemote().sendText(text);
                sent++;
            }
        }
        return sent;
    }
}
