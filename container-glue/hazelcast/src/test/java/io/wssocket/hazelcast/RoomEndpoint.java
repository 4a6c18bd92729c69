package io.wssocket.hazelcast;

import io.wssocket.cluster.Cluster;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A chat-like endpoint driven by its client's commands, each using the cluster as an application
 * would: {@code id}, {@code room GROUP TEXT}, {@code all TEXT}, {@code to ID TEXT},
 * {@code seq GROUP N} (N messages "sender:i" to a group, in order), {@code stream GROUP} and
 * {@code stop} (publish "s:i" from another thread until told to stop; answers how many). A query
 * {@code ?group=G} joins G when the session opens; with {@code &announce=1} the session is then
 * told {@code "joined NODE"}, NODE being its node's {@link Cluster#nodeId()}: where a client
 * behind a balancer landed, and that it is in the group.
 */
@ServerEndpoint("/room")
public class RoomEndpoint {
    /** A bound on a stream, so a test that fails to stop it still ends. */
    static final int MAX_STREAM = 200_000;

    private final AtomicBoolean streaming = new AtomicBoolean();
    private Thread streamer;
    private volatile int streamed;

    /** Query parameter: tell the client its node once it joined its group. */
    static final String ANNOUNCE = "announce=1";

    @OnOpen
    public void open(Session session) {
        Map<String, List<String>> query = session.getRequestParameterMap();
        List<String> group = query.getOrDefault("group", List.of());
        if (!group.isEmpty()) {
            Cluster.of(session).join(session, group.get(0));
        }
        if (query.containsKey("announce")) {
            session.getAsyncRemote().sendText("joined " + Cluster.of(session).nodeId());
        }
    }

    @OnMessage
    public String command(Session session, String text) throws InterruptedException {
        Cluster cluster = Cluster.of(session);
        String[] words = text.split(" ", 3);
        switch (words[0]) {
            case "id" -> {
                return session.getId();
            }
            case "room" -> cluster.broadcastToGroup(words[1], words[2]);
            case "all" -> cluster.broadcast("/room", text.substring("all ".length()));
            case "to" -> cluster.sendTo(words[1], words[2]);
            case "seq" -> {
                int count = Integer.parseInt(words[2]);
                for (int i = 0; i < count; i++) {
                    cluster.broadcastToGroup(words[1], session.getId() + ":" + i);
                }
            }
            case "stream" -> {
                streaming.set(true);
                streamer = new Thread(() -> {
                    int i = 0;
                    while (streaming.get() && i < MAX_STREAM) {
                        cluster.broadcastToGroup(words[1], "s:" + i++);
                        streamed = i;
                    }
                }, "stream");
                streamer.start();
            }
            case "stop" -> {
                streaming.set(false);
                streamer.join();
                return "sent " + streamed;
            }
            default -> {
                return "unknown command " + text;
            }
        }
        return null;
    }

    @OnClose
    public void close() {
        streaming.set(false);
    }
}
