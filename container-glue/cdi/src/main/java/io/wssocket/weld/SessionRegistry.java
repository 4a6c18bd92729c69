package io.wssocket.weld;

import io.wssocket.cdi.OpenSessions;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The application's open server sessions by endpoint path; the bean behind {@code @Inject OpenSessions}. */
final class SessionRegistry implements OpenSessions {
    private final Map<String, Set<Session>> byPath = new ConcurrentHashMap<>();
    private final ApplicationCluster cluster;

    SessionRegistry(ApplicationCluster cluster) {
        this.cluster = cluster;
    }

    /** The application's cluster, which learns its server from the sessions added here. */
    ApplicationCluster cluster() {
        return cluster;
    }

    void add(String path, Session session) {
        cluster.opened(session);
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
