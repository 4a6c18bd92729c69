package io.wssocket.bench;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint every Jakarta server under test deploys at {@code /broadcast}: each whole text or
 * binary message is sent to every open session of this endpoint, the sender included, through
 * {@link jakarta.websocket.RemoteEndpoint.Async}.
 *
 * <p>The sessions are kept in a set of its own rather than taken from
 * {@link Session#getOpenSessions()}: that method returns a fresh copy on every call and its scope
 * differs between containers, so every server runs exactly this code per message. A send a server
 * refuses (Tomcat throws when a session's previous async send is still in progress) or fails is
 * counted in {@link SendFailures}, not retried: the slow-consumer scenario reads that count.
 */
public final class BroadcastEndpoint extends Endpoint {

    /** The path the broadcast driver connects to. */
    public static final String PATH = "/broadcast";

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    /** One handler for all sends: no allocation per delivery. */
    private static final SendHandler COUNT_FAILURE = result -> {
        if (!result.isOK()) {
            SendFailures.increment();
        }
    };

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        SESSIONS.add(session);
        session.addMessageHandler(String.class, BroadcastEndpoint::sendToAll);
        session.addMessageHandler(ByteBuffer.class, data -> {
            // The container may reuse the buffer once this handler returns, and async sends
            // complete later: one copy, shared read-only by all the sends.
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip().asReadOnlyBuffer();
            for (Session s : SESSIONS) {
                try {
                    s.getAsyncRemote().sendBinary(copy.duplicate(), COUNT_FAILURE);
                } catch (RuntimeException e) {
                    SendFailures.increment();
                }
            }
        });
    }

    private static void sendToAll(String text) {
        for (Session s : SESSIONS) {
            try {
                s.getAsyncRemote().sendText(text, COUNT_FAILURE);
            } catch (RuntimeException e) {
                SendFailures.increment();
            }
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        SESSIONS.remove(session);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        SESSIONS.remove(session);
    }
}
