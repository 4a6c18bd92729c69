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
 * (the server queues for it up to its limits, then closes it). When the server is part of a
 * cluster (option {@code cluster-name}), the room spans every node: its events go through the
 * cluster to the members on all nodes; the history stays what was said on this node.
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
    /** Chosen at the first join: whether the server has a cluster does not change while it runs. */
    private volatile RoomDelivery delivery;

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
        RoomDelivery to = deliveryFor(session);
        to.broadcast(ChatEvents.presence("joined", name, to.joined(session), clock.instant()));
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
        delivery.broadcast(event); // set: only a member that joined speaks
    }

    public void leave(Session session, String name) {
        if (members.remove(session)) {
            delivery.broadcast(ChatEvents.presence("left", name, delivery.left(session), clock.instant()));
        }
    }

    /** How many connections are in the room now. */
    public int size() {
        return members.size();
    }

    private RoomDelivery deliveryFor(Session session) {
        RoomDelivery chosen = delivery;
        if (chosen == null) {
            synchronized (members) {
                if (delivery == null) {
                    delivery = RoomDelivery.forServerOf(session, members, this::send);
                }
                chosen = delivery;
            }
        }
        return chosen;
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
