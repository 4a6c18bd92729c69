package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A session of Jetty 12's native WebSocket client ({@code org.eclipse.jetty.websocket.api}). Jetty
 * chooses whole or partial delivery by which {@link Session.Listener} methods a class overrides,
 * once per class, so each choice is a class of its own. It answers pings itself as long as the
 * listener leaves {@code onWebSocketPing} alone.
 */
final class JettyPeer implements InteropPeer {
    /** Room for a 16 MiB message, our server's default limit, whole in one frame. */
    private static final int LIMIT = 17 * InteropPayloads.MIB;

    private final PeerEvents events;
    private final Session session;

    private JettyPeer(PeerEvents events, Session session) {
        this.events = events;
        this.session = session;
    }

    /**
     * A client, not yet started, that takes and sends messages and frames up to our server's
     * limits, and trusts the test certificate (for wss://; it checks the host name against it,
     * Jetty's default).
     */
    static WebSocketClient newClient() throws IOException, GeneralSecurityException {
        WebSocketClient client = new WebSocketClient();
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(TestCertificates.localhost().trustStore());
        client.getHttpClient().setSslContextFactory(tls);
        client.setMaxTextMessageSize(LIMIT);
        client.setMaxBinaryMessageSize(LIMIT);
        // Jetty also cuts outgoing frames to this size (auto-fragment): a case's frames stay as it sends them.
        client.setMaxFrameSize(LIMIT);
        return client;
    }

    static JettyPeer connect(WebSocketClient client, URI uri, boolean partialHandlers, List<String> subprotocols)
            throws Exception {
        return connect(client, uri, partialHandlers, subprotocols, List.of());
    }

    /** Opens a session offering permessage-deflate (RFC 7692) as an application of Jetty's client does: by name in the request. */
    static JettyPeer connectOfferingDeflate(WebSocketClient client, URI uri) throws Exception {
        return connect(client, uri, false, List.of(), List.of("permessage-deflate"));
    }

    private static JettyPeer connect(WebSocketClient client, URI uri, boolean partialHandlers, List<String> subprotocols,
            List<String> extensions) throws Exception {
        PeerEvents events = new PeerEvents();
        Listener listener = partialHandlers ? new PartialMessages(events) : new WholeMessages(events);
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setSubProtocols(subprotocols);
        extensions.forEach(request::addExtensions);
        Session session = client.connect(listener, request).get(10, TimeUnit.SECONDS);
        return new JettyPeer(events, session);
    }

    @Override
    public void sendText(String part, boolean last) throws Exception {
        await(sent -> session.sendPartialText(part, last, sent));
    }

    @Override
    public void sendBinary(ByteBuffer part, boolean last) throws Exception {
        await(sent -> session.sendPartialBinary(part, last, sent));
    }

    @Override
    public void sendPing(ByteBuffer payload) throws Exception {
        await(sent -> session.sendPing(payload, sent));
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        try {
            await(sent -> session.close(code, reason, sent));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ClosedChannelException)) {
                throw e;
            }
            // Jetty 12.1.14 now and then fails the callback of a close frame it did write: the
            // server's answering close and the end of the connection after it (RFC 6455 §7.1.1)
            // were handled before the write's completion. The close handshake still finishes, and
            // the case checks that the server got the code and reason.
            events.awaitClose(SEND_TIMEOUT);
        }
    }

    private void await(Consumer<Callback.Completable> send) throws Exception {
        try {
            Callback.Completable.with(send::accept).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Jetty could not send within " + SEND_TIMEOUT + "; " + events, e);
        }
    }

    @Override
    public String subprotocol() {
        // Jetty reports no subprotocol as null; the other libraries, like the Jakarta API, as "".
        return Objects.requireNonNullElse(session.getUpgradeResponse().getAcceptedSubProtocol(), "");
    }

    @Override
    public Optional<Boolean> secure() {
        return Optional.of(session.isSecure());
    }

    @Override
    public Optional<String> extensions() {
        return Optional.of(session.getUpgradeResponse().getExtensions().stream().map(ExtensionConfig::getParameterizedName)
                .collect(Collectors.joining(", ")));
    }

    @Override
    public PeerEvents events() {
        return events;
    }

    @Override
    public void closeNormally() throws Exception {
        if (session.isOpen()) {
            Callback.Completable.with(sent -> session.close(1000, null, sent)).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void release() {
        session.disconnect();
    }

    /** What both delivery modes report the same way. Public: Jetty looks the methods up reflectively. */
    public abstract static class Listener extends Session.Listener.AbstractAutoDemanding {
        final PeerEvents events;
        final MessageAssembler pieces;

        Listener(PeerEvents events) {
            this.events = events;
            this.pieces = new MessageAssembler(events.messages);
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            events.pongs.add(InteropPayloads.toArray(payload));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            events.closed.complete(new CloseStatus(statusCode, Objects.requireNonNullElse(reason, "")));
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            events.error(cause);
        }
    }

    /** Jetty gathers each message and hands it over whole. */
    public static final class WholeMessages extends Listener {
        WholeMessages(PeerEvents events) {
            super(events);
        }

        @Override
        public void onWebSocketText(String message) {
            pieces.text(message, true);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            pieces.binary(payload, true);
            callback.succeed();
        }
    }

    /** Jetty hands over each frame as it comes (text cut only between whole UTF-8 sequences). */
    public static final class PartialMessages extends Listener {
        PartialMessages(PeerEvents events) {
            super(events);
        }

        @Override
        public void onWebSocketPartialText(String payload, boolean last) {
            pieces.text(payload, last);
        }

        @Override
        public void onWebSocketPartialBinary(ByteBuffer payload, boolean last, Callback callback) {
            pieces.binary(payload, last);
            callback.succeed();
        }
    }
}
