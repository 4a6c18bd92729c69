package io.wssocket.hazelcast;

import io.wssocket.client.WebSocketClient;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntSupplier;

/**
 * A member of a chat room ({@link RoomEndpoint}, joined with {@code ?group=ROOM&announce=1})
 * connected through a balancer by our client container. With the container's reconnection on,
 * this one instance gets every session the container opens for it; each is recorded as a
 * {@link Stay}: on which node, when it opened, joined and closed and with which code, and which
 * numbered messages ({@code "p:N"}) it received, in what order. Other messages go to {@link #chat}.
 */
public final class RoomMember extends Endpoint {
    /** A numbered message, as a publisher sends it: this prefix and the number. */
    static final String NUMBERED = "p:";
    private static final String STAY = "test.stay";

    private final List<Stay> stays = new CopyOnWriteArrayList<>();
    private final IntSupplier published;
    /** The messages neither numbered nor the node's announcement, from every session in turn. */
    final BlockingQueue<String> chat = new LinkedBlockingQueue<>();

    private RoomMember(IntSupplier published) {
        this.published = published;
    }

    /** Connects a new member to {@code room} through the balancer listening on {@code port}. */
    static RoomMember join(WebSocketClient client, int port, String room) throws DeploymentException, IOException {
        return join(client, port, room, () -> -1);
    }

    /**
     * Connects a new member to {@code room} through the balancer listening on {@code port};
     * {@code published} tells the last number a publisher has published, read when a node
     * announces the session joined.
     */
    static RoomMember join(WebSocketClient client, int port, String room, IntSupplier published)
            throws DeploymentException, IOException {
        RoomMember member = new RoomMember(published);
        client.connectToServer(member, ClientEndpointConfig.Builder.create().build(),
                URI.create("ws://127.0.0.1:" + port + "/room?group=" + room + "&" + RoomEndpoint.ANNOUNCE));
        return member;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Stay stay = new Stay(session, published);
        session.getUserProperties().put(STAY, stay);
        stays.add(stay);
        session.addMessageHandler(String.class, text -> {
            if (!stay.received(text)) {
                chat.add(text);
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        ((Stay) session.getUserProperties().get(STAY)).closed(reason.getCloseCode().getCode());
    }

    /** Every session this member had, in the order they opened. */
    List<Stay> stays() {
        return List.copyOf(stays);
    }

    /** The latest session, or null before the first opened. */
    Stay current() {
        return stays.isEmpty() ? null : stays.get(stays.size() - 1);
    }

    /** Whether the latest session is open and its node has said it joined the room. */
    boolean inRoom() {
        Stay stay = current();
        return stay != null && stay.isOpen() && stay.node() != null;
    }

    /** Whether the latest session is in the room and has received a numbered message. */
    boolean receiving() {
        return inRoom() && current().count() > 0;
    }

    /** Sends {@code text} on the latest session. */
    void send(String text) throws IOException {
        current().session.getBasicRemote().sendText(text);
    }

    /** One session of a member: one stay on one node. */
    static final class Stay {
        /** Faults kept for a failure's message; more are counted only. */
        private static final int FAULTS_KEPT = 10;

        private final Session session;
        private final IntSupplier published;
        private final long openedNanos = System.nanoTime();
        private volatile String node;
        private volatile int publishedAtJoin = -1;
        private volatile long joinedNanos;
        private volatile long closedNanos;
        private volatile int closeCode = -1;
        private final BitSet numbers = new BitSet();
        private int first = -1;
        private int last = -1;
        private int count;
        private int faults;
        private final List<String> faultsKept = new ArrayList<>();

        private Stay(Session session, IntSupplier published) {
            this.session = session;
            this.published = published;
        }

        /** Records a numbered message or the announcement; false for anything else. */
        private synchronized boolean received(String text) {
            if (text.startsWith(NUMBERED)) {
                int number = Integer.parseInt(text.substring(NUMBERED.length()));
                if (last >= 0 && number != last + 1) {
                    faults++;
                    if (faultsKept.size() < FAULTS_KEPT) {
                        faultsKept.add(number + " after " + last);
                    }
                }
                if (first < 0) {
                    first = number;
                }
                last = number;
                count++;
                numbers.set(number);
                return true;
            }
            if (text.startsWith("joined ")) {
                publishedAtJoin = published.getAsInt();
                node = text.substring("joined ".length());
                joinedNanos = System.nanoTime();
                return true;
            }
            return false;
        }

        private void closed(int code) {
            closedNanos = System.nanoTime();
            closeCode = code;
        }

        /** The node's cluster id, once it announced it; null before. */
        String node() {
            return node;
        }

        boolean isOpen() {
            return closeCode < 0;
        }

        /** The close code, -1 while open. */
        int closeCode() {
            return closeCode;
        }

        /**
         * The publisher's last number when the node's announcement arrived, -1 before or without a
         * publisher. The node joined the session to the room before it announced, so every
         * message whose publishing began after that reached the session: its first number is at
         * most this + 2 (the one being published at the join may have gone by before it).
         */
        int publishedAtJoin() {
            return publishedAtJoin;
        }

        long openedNanos() {
            return openedNanos;
        }

        /** When the node said the session is in the room (0 before). */
        long joinedNanos() {
            return joinedNanos;
        }

        /** When the client learned of the close (0 while open). */
        long closedNanos() {
            return closedNanos;
        }

        /** The first numbered message received, -1 for none. */
        synchronized int first() {
            return first;
        }

        /** The latest numbered message received, -1 for none. */
        synchronized int last() {
            return last;
        }

        /** Numbered messages received. */
        synchronized int count() {
            return count;
        }

        /** How many of the numbers {@code from}..{@code to} (inclusive) were received. */
        synchronized int receivedBetween(int from, int to) {
            return from > to ? 0 : numbers.get(from, to + 1).cardinality();
        }

        /**
         * Numbered messages that did not follow the one before (a gap, a repeat or a message out
         * of order), with the first few described.
         */
        synchronized String faults() {
            return faults == 0 ? "" : faults + " faults, first: " + faultsKept;
        }
    }
}
