package io.wssocket.samples.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The one room of the application, a CDI bean every connection shares: who is in it, the last
 * {@value #HISTORY} messages for those who join later, and the broadcast. Events go to every
 * member through the async remote, so a member whose connection is slow holds up nobody else
 * (the server queues for it up to its limits, then closes it).
 */
@ApplicationScoped
public class ChatRoom {
    static final int HISTORY = 50;
    /** Longer messages are cut to this many characters, as the page's input field also does. */
    static final int MAX_TEXT = 2000;

    private static final Logger LOG = Logger.getLogger(ChatRoom.class.getName());

    private final Set<Session> members = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private final Clock clock;

    public ChatRoom() {
        this(Clock.systemUTC());
    }

    ChatRoom(Clock clock) {
        this.clock = clock;
    }

    /** Sends the newcomer what was said before, then tells everyone (newcomer included) who joined. */
    public void join(Session session, String name) {
        List<String> earlier;
        synchronized (history) {
            earlier = List.copyOf(history);
            members.add(session); // under the lock: no message falls between the history and the live ones
        }
        earlier.forEach(event -> send(session, event));
        broadcast(ChatEvents.presence("joined", name, members.size(), clock.instant()));
    }

    public void say(String name, String text) {
        String said = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        String event = ChatEvents.message(name, said, clock.instant());
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(event);
        }
        broadcast(event);
    }

    public void leave(Session session, String name) {
        if (members.remove(session)) {
            broadcast(ChatEvents.presence("left", name, members.size(), clock.instant()));
        }
    }

    /** How many connections are in the room now. */
    public int size() {
        return members.size();
    }

    private void broadcast(String event) {
        for (Session member : members) {
            send(member, event);
        }
    }

    private void send(Session member, String event) {
        if (!member.isOpen()) {
            return;
        }
        member.getAsyncRemote().sendText(event, result -> {
            if (!result.isOK()) {
                LOG.fine(() -> "not delivered to " + member.getId() + ": " + result.getException());
            }
        });
    }
}
