package io.wssocket.servlet.interop;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * A chat member on the Tyrus client (Grizzly transport), with a client manager of its own: the
 * room's events (JSON texts) as they arrive, and how its session closed. Every wait is bounded.
 */
final class TyrusMember extends Endpoint implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final String name;
    private final ClientManager client = ClientManager.createClient();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    private TyrusMember(String name) {
        this.name = name;
    }

    /**
     * Joins the room at {@code ws://...}{@code /chat?name=}{@code name} (a plain name: it is matched
     * in the room's JSON unescaped), offering no extension (Tyrus's default); returns once the room
     * has announced the member.
     */
    static TyrusMember join(URI room, String name) throws Exception {
        return join(room, name, List.of());
    }

    /** Joins offering permessage-deflate (RFC 7692) as a Tyrus application asks for it: Tyrus's deflate extension. */
    static TyrusMember joinOfferingDeflate(URI room, String name) throws Exception {
        return join(room, name, List.of(new PerMessageDeflateExtension()));
    }

    private static TyrusMember join(URI room, String name, List<Extension> extensions) throws Exception {
        TyrusMember member = new TyrusMember(name);
        URI uri = URI.create(room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        try {
            member.session = member.client.connectToServer(member, ClientEndpointConfig.Builder.create().extensions(extensions).build(), uri);
            // The 101 may reach the client before the server's @OnOpen ran: the member is in the room once told so.
            member.sees("\"type\":\"joined\"", "\"name\":\"" + name + "\"");
        } catch (Exception | AssertionError e) {
            member.client.shutdown();
            throw e;
        }
        return member;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) events::add);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Says something in the room (a bounded asynchronous send: Tyrus's blocking sends have no timeout). */
    void say(String text) throws Exception {
        session.getAsyncRemote().sendText(text).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the room's next event containing every one of {@code parts}; fails naming what came instead. */
    String sees(String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            String event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            seen.add(event);
            if (List.of(parts).stream().allMatch(event::contains)) {
                return event;
            }
        }
        throw new AssertionError(name + " did not see an event with " + List.of(parts) + " within " + WAIT + "; it saw " + seen);
    }

    /** The extensions the server agreed to, by name. */
    List<String> agreedExtensions() {
        return session.getNegotiatedExtensions().stream().map(Extension::getName).toList();
    }

    /** Closes normally (1000) and returns the close the session reported: the server's answer. */
    CloseReason leave() throws Exception {
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How the session closed, once it has. */
    CloseReason closeReason() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
