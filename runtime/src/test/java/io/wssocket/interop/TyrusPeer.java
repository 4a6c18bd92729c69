package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * A Tyrus client session. With whole handlers Tyrus gathers each message itself; with partial
 * handlers it hands over every frame, so the test can see that the server fragmented.
 *
 * <p>Each connection has its own {@link ClientManager}, so no Tyrus state is shared between
 * cases (a manager shuts its executors down whenever its last session closes).
 *
 * <p>Tyrus's blocking sends have no timeout, so they run on a thread of their own and the test
 * gives up after {@link #SEND_TIMEOUT}.
 */
final class TyrusPeer extends Endpoint implements InteropPeer {
    /** Room for a 16 MiB message, our server's default limit, plus frame headers. */
    private static final int CLIENT_BUFFER = 17 * InteropPayloads.MIB;

    private final PeerEvents events = new PeerEvents();
    private final boolean partialHandlers;
    private final ClientManager client;
    private final ExecutorService sends = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tyrus-peer-send");
        thread.setDaemon(true);
        return thread;
    });
    private final MessageAssembler pieces = new MessageAssembler(events.messages);
    private volatile Session session;

    private TyrusPeer(URI uri, boolean partialHandlers) throws IOException, GeneralSecurityException {
        this.partialHandlers = partialHandlers;
        this.client = ClientManager.createClient();
        if (Scheme.WSS.toString().equals(uri.getScheme())) {
            // Trusts the test certificate; a client-mode engine checks the host name too. Only for
            // wss: Tyrus 2.2.0's Grizzly client speaks TLS to any URI once it has a configurator.
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                    new SslEngineConfigurator(TestCertificates.localhost().clientContext()));
        }
        // Tyrus refuses frames beyond its incoming buffer (4 MiB by default) and whole messages
        // beyond the session's buffer sizes.
        client.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, CLIENT_BUFFER);
        client.setDefaultMaxTextMessageBufferSize(CLIENT_BUFFER);
        client.setDefaultMaxBinaryMessageBufferSize(CLIENT_BUFFER);
    }

    static TyrusPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return connect(uri, partialHandlers, subprotocols, List.of());
    }

    /**
     * Opens a session offering permessage-deflate (RFC 7692) as an application of Tyrus does: with
     * the extension of Tyrus's {@code tyrus-extension-deflate} in the endpoint's configuration.
     */
    static TyrusPeer connectOfferingDeflate(URI uri) throws Exception {
        return connect(uri, false, List.of(), List.of(new PerMessageDeflateExtension()));
    }

    private static TyrusPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols, List<Extension> extensions)
            throws Exception {
        TyrusPeer peer = new TyrusPeer(uri, partialHandlers);
        try {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(subprotocols)
                    .extensions(extensions).build();
            peer.session = peer.client.connectToServer(peer, config, uri);
        } catch (Exception e) {
            peer.client.shutdown();
            peer.sends.shutdown();
            throw e;
        }
        return peer;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (partialHandlers) {
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) pieces::text);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) pieces::binary);
        } else {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> pieces.text(message, true));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) message -> pieces.binary(message, true));
        }
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong ->
                events.pongs.add(InteropPayloads.toArray(pong.getApplicationData())));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        events.closed.complete(new CloseStatus(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase()));
    }

    @Override
    public void onError(Session session, Throwable error) {
        events.error(error);
    }

    @Override
    public void sendText(String part, boolean last) throws Exception {
        await(() -> session.getBasicRemote().sendText(part, last));
    }

    @Override
    public void sendBinary(ByteBuffer part, boolean last) throws Exception {
        await(() -> session.getBasicRemote().sendBinary(part, last));
    }

    @Override
    public void sendPing(ByteBuffer payload) throws Exception {
        await(() -> session.getBasicRemote().sendPing(payload));
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        await(() -> session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason)));
    }

    /** Runs a blocking Tyrus call within the send timeout. */
    private void await(BlockingCall call) throws Exception {
        Future<?> done = sends.submit(() -> {
            call.run();
            return null;
        });
        try {
            done.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException && !session.isOpen()) {
                // Tyrus 2.2.0 writes the frame, then restarts its idle timer. When the server closes
                // in answer to that frame (a "close" command), the manager may have shut its
                // executors down in between: the frame went out, only Tyrus's bookkeeping failed.
                return;
            }
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (TimeoutException e) {
            throw new AssertionError("Tyrus could not send within " + SEND_TIMEOUT + "; " + events, e);
        }
    }

    @Override
    public String subprotocol() {
        return session.getNegotiatedSubprotocol();
    }

    /**
     * Tyrus's client session has {@code isSecure()}, but it says false over wss:// too: Tyrus 2.2.0
     * makes every client session with {@code isSecure} false
     * ({@code TyrusEndpointWrapper.createSessionForRemoteEndpoint}), and builds its request URI's
     * scheme from that. So the client tells nothing here; our server's session still does.
     */
    @Override
    public Optional<Boolean> secure() {
        return Optional.empty();
    }

    @Override
    public Optional<String> extensions() {
        return Optional.of(NegotiatedExtensions.header(session.getNegotiatedExtensions()));
    }

    @Override
    public PeerEvents events() {
        return events;
    }

    @Override
    public void closeNormally() {
        if (session.isOpen()) {
            sends.submit(() -> {
                session.close();
                return null;
            });
        }
    }

    @Override
    public void release() {
        sends.shutdownNow();
        client.shutdown();
    }

    /** A blocking Tyrus call. */
    @FunctionalInterface
    private interface BlockingCall {
        void run() throws Exception;
    }
}
