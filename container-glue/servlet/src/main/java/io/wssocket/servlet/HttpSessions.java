package io.wssocket.servlet;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jakarta WebSocket 2.2 §7.2: when the HTTP session of an authenticated user ends, the WebSocket
 * sessions opened in it are closed with 1008 (policy violation). Only sessions whose handshake had
 * a user and an HTTP session are kept; closed ones are dropped as others are added.
 */
final class HttpSessions implements HttpSessionListener {
    private static final System.Logger LOG = System.getLogger(HttpSessions.class.getName());

    private final Map<String, Set<Session>> byHttpSession = new ConcurrentHashMap<>();

    void add(String httpSessionId, Session session) {
        Set<Session> sessions = byHttpSession.computeIfAbsent(httpSessionId, id -> ConcurrentHashMap.newKeySet());
        sessions.removeIf(s -> !s.isOpen());
        sessions.add(session);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Set<Session> sessions = byHttpSession.remove(event.getSession().getId());
        if (sessions == null) {
            return;
        }
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "the HTTP session ended");
        for (Session session : sessions) {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + session, e);
            }
        }
    }
}
