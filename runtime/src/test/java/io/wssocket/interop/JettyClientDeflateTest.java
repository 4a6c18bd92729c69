package io.wssocket.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerInternals;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permessage-deflate with a real peer that implements it (RFC 7692): Jetty's client offers it,
 * our server accepts, and compressed messages, whole or in parts, go both ways; afterwards the
 * server's connections hold no deflater or inflater.
 *
 * <p>Jetty 12's client configures its extension from its own offer, not from the server's answer,
 * and reads the parameters as if it were the server: {@code server_no_context_takeover} in its
 * offer makes it reset its compressor after each message, {@code client_no_context_takeover} its
 * decompressor. Offering plain {@code permessage-deflate} (its usual offer) it keeps its
 * compression context although our server answers {@code client_no_context_takeover} (RFC 7692
 * §7.1.1.2), so its second compressed message refers to the first. Our default server, which keeps
 * no inflater between messages, fails that connection with 1007 and a reason naming the
 * parameter; a Jetty client that offers {@code server_no_context_takeover} works with it, and so
 * does any Jetty client against a server with deflate-context-takeover on. See docs/interop.md.
 */
@Timeout(60)
class JettyClientDeflateTest {
    private static final String MESSAGE = "jetty compresses this, ".repeat(40);

    /** Permessage-deflate as the server does it by default; only the threshold is lowered. */
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.permessageDeflate(true).deflateThreshold(16),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    /** Context takeover allowed: the server keeps an inflater for a client that keeps its context. */
    @RegisterExtension
    static final RunningServer takeover = RunningServer.with(b -> b.permessageDeflate(true).deflateThreshold(16)
            .deflateContextTakeover(true),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private WebSocketClient client;

    /** Gathers whole text messages and the close. Public: Jetty looks its methods up reflectively. */
    public static class Texts extends Session.Listener.AbstractAutoDemanding {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile String closed = "";

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closed = statusCode + " " + reason;
            super.onWebSocketClose(statusCode, reason, callback);
        }
    }

    @BeforeEach
    void startClient() throws Exception {
        client = JettyPeer.newClient();
        client.start();
    }

    @AfterEach
    void stopClient() throws Exception {
        client.stop();
    }

    private Session connect(Texts texts) throws Exception {
        return connect(server, texts, "permessage-deflate");
    }

    private Session connect(RunningServer to, Texts texts, String offer) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(to.uri("/echo"));
        request.addExtensions(offer);
        Session session = client.connect(texts, request).get(10, TimeUnit.SECONDS);
        assertThat(session.getUpgradeResponse().getExtensions()).extracting(ExtensionConfig::getName)
                .containsExactly("permessage-deflate");
        return session;
    }

    private static void sendAndExpectEchoes(Session session, Texts texts, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String text = MESSAGE + i;
            Callback.Completable.with(sent -> session.sendText(text, sent)).get(10, TimeUnit.SECONDS);
            assertThat(texts.received.poll(10, TimeUnit.SECONDS)).as("message %d; closed: %s", i, texts.closed)
                    .isEqualTo(text);
        }
    }

    @Test
    void jettysUsualOfferKeepsItsContextAndIsFailedWith1007NamingTheParameter() throws Exception {
        Texts texts = new Texts();
        Session session = connect(texts);
        sendAndExpectEchoes(session, texts, 1);
        Callback.Completable.with(sent -> session.sendText(MESSAGE, sent)).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !texts.closed.isEmpty());
        assertThat(texts.closed).startsWith("1007 ").contains("client_no_context_takeover");
    }

    @Test
    void offeringServerNoContextTakeoverMakesJettyResetAndEveryMessagePasses() throws Exception {
        Texts texts = new Texts();
        Session session = connect(server, texts, "permessage-deflate; server_no_context_takeover");
        sendAndExpectEchoes(session, texts, 5);
        close(session);
    }

    @Test
    void withContextTakeoverOnTheServerJettysUsualOfferWorksAndTheContextIsGivenBack() throws Exception {
        Texts texts = new Texts();
        Session session = connect(takeover, texts, "permessage-deflate");
        assertThat(session.getUpgradeResponse().getExtensions()).singleElement()
                .satisfies(e -> assertThat(e.getParameters()).as("no reset asked either way").isEmpty());
        sendAndExpectEchoes(session, texts, 5);
        assertThat(ServerInternals.deflatePool(takeover.server()).contextMemoryInUse()).isPositive();
        close(session);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ServerInternals.deflatePool(takeover.server()).contextMemoryInUse() == 0
                        && ServerInternals.deflatePool(takeover.server()).outstanding() == 0);
    }

    private static void close(Session session) throws Exception {
        Callback.Completable.with(sent -> session.close(1000, null, sent)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWholeCompressedMessageGoesBothWays() throws Exception {
        Texts texts = new Texts();
        Session session = connect(texts);
        String big = "jetty compresses this, ".repeat(1000);
        Callback.Completable.with(sent -> session.sendText(big, sent)).get(10, TimeUnit.SECONDS);
        assertThat(texts.received.poll(10, TimeUnit.SECONDS)).as("closed: %s", texts.closed).isEqualTo(big);
        assertThat(ServerInternals.deflatePool(server.server()).outstanding())
                .as("deflaters and inflaters held by the idle connection").isZero();
        close(session);
    }

    @Test
    void aCompressedMessageInPartsArrivesWhole() throws Exception {
        Texts texts = new Texts();
        Session session = connect(texts);
        String[] parts = {"first part, ".repeat(50), "second part, ".repeat(50), "last"};
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String part = parts[i];
            Callback.Completable.with(sent -> session.sendPartialText(part, last, sent)).get(10, TimeUnit.SECONDS);
        }
        assertThat(texts.received.poll(10, TimeUnit.SECONDS)).as("closed: %s", texts.closed)
                .isEqualTo(String.join("", parts));
        close(session);
    }
}
