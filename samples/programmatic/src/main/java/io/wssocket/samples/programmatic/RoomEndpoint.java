package io.wssocket.samples.programmatic;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A chat room at {@code /rooms/{room}}: every {@link ChatMessage} a member sends goes to every
 * member of the same room, under the sender's user name; a binary message, however many frames
 * it comes in, is answered with how many bytes and parts arrived.
 */
public class RoomEndpoint extends Endpoint {
    private static final String ROOM = "room";

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object user = config.getUserProperties().get(RoomConfigurator.USER);
        if (user == null) {
            close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "connect with ?user=name, 1-32 of A-Z a-z 0-9 _ -"));
            return;
        }
        String room = session.getPathParameters().get(ROOM);
        session.getUserProperties().put(ROOM, room);
        session.addMessageHandler(ChatMessage.class, (MessageHandler.Whole<ChatMessage>) message ->
                broadcast(session, room, new ChatMessage((String) user, message.text())));
        session.addMessageHandler(ByteBuffer.class, new BinaryCounter(session));
    }

    private static void broadcast(Session from, String room, ChatMessage message) {
        for (Session member : from.getOpenSessions()) {
            if (room.equals(member.getUserProperties().get(ROOM))) {
                // Async: a member that reads slowly does not hold up the sender's thread.
                member.getAsyncRemote().sendObject(message);
            }
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        if (failure instanceof DecodeException && session.isOpen()) {
            session.getAsyncRemote().sendObject(new ChatMessage("server", "not understood; send 'name: text'"));
        } else {
            close(session, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "room failed"));
        }
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException ignored) {
            // the connection is gone already
        }
    }

    /** Counts the parts of one binary message as they arrive, without gathering its bytes. */
    private static final class BinaryCounter implements MessageHandler.Partial<ByteBuffer> {
        private final Session session;
        private long bytes;
        private int parts;

        BinaryCounter(Session session) {
            this.session = session;
        }

        @Override
        public void onMessage(ByteBuffer part, boolean last) {
            bytes += part.remaining();
            parts++;
            if (last) {
                session.getAsyncRemote().sendObject(new ChatMessage("server", "received " + bytes + " bytes in " + parts
                        + (parts == 1 ? " part" : " parts")));
                bytes = 0;
                parts = 0;
            }
        }
    }
}
