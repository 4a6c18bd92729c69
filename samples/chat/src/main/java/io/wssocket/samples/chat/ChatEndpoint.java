package io.wssocket.samples.chat;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One chat member's connection: {@code /chat?name=Ann}. The room is a CDI bean shared by every
 * connection; this endpoint only checks what the browser sends and hands it to the room. A new
 * instance serves each connection (Jakarta WebSocket 2.2 §3.1.7), created and injected by CDI.
 */
@ServerEndpoint("/chat")
public class ChatEndpoint {
    /** A message longer than this many bytes closes the connection with 1009 before it reaches us. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    private final ChatRoom room;
    private String name;

    @Inject
    public ChatEndpoint(ChatRoom room) {
        this.room = room;
    }

    @OnOpen
    public void open(Session session) throws IOException {
        List<String> names = session.getRequestParameterMap().getOrDefault("name", List.of());
        String problem = names.size() == 1 ? Nicknames.problemWith(names.get(0)) : "give one name: /chat?name=...";
        if (problem != null) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, problem));
            return;
        }
        name = names.get(0).strip();
        room.join(session, name);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void message(String text) {
        if (name == null) {
            return; // refused at open; the close is on its way
        }
        String said = text.strip();
        if (!said.isEmpty()) {
            room.say(name, said);
        }
    }

    @OnClose
    public void close(Session session) {
        if (name != null) {
            room.leave(session, name);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "chat connection " + session.getId() + " failed", failure);
    }
}
