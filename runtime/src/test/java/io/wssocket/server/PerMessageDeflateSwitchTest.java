package io.wssocket.server;

import static io.wssocket.server.PerMessageDeflateServerTest.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ContainerConfig;
import io.wssocket.client.internal.ClientTransport;
import io.wssocket.client.internal.WsClientContainer;
import io.wssocket.handshake.ExtensionOffer;
import io.wssocket.handshake.JakartaExtension;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permessage-deflate switched per endpoint: the Jakarta way (the configurator's
 * getNegotiatedExtensions leaves it out) and the user property
 * {@link ContainerConfig#PERMESSAGE_DEFLATE_PROPERTY}, off on a server where it is on and on where
 * it is off, for server and client endpoints; and the agreed extension as the Jakarta API shows it
 * on both sides.
 */
@Timeout(60)
class PerMessageDeflateSwitchTest {
    private static final String ANSWER = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
    private static final AtomicReference<String> offered = new AtomicReference<>();
    private static final AtomicReference<String> installed = new AtomicReference<>();

    /** Chooses no extension at all, the standard way to turn them off for an endpoint. */
    public static class DeclinesExtensions extends ServerEndpointConfig.Configurator {
        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installedExtensions, List<Extension> requested) {
            return List.of();
        }
    }

    /** Records what it is given, then negotiates as the default configurator does. */
    public static class RecordsExtensions extends ServerEndpointConfig.Configurator {
        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installedExtensions, List<Extension> requested) {
            installed.set(names(installedExtensions));
            offered.set(requested.stream().map(e -> JakartaExtension.offer(e).toHeaderValue())
                    .collect(Collectors.joining(", ")));
            return super.getNegotiatedExtensions(installedExtensions, requested);
        }
    }

    private static String names(List<Extension> extensions) {
        return extensions.stream().map(Extension::getName).collect(Collectors.joining(", "));
    }

    private static ServerEndpointConfig withProperty(String path, boolean deflate) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(EchoEndpoint.class, path).build();
        config.getUserProperties().put(ContainerConfig.PERMESSAGE_DEFLATE_PROPERTY, deflate);
        return config;
    }

    private static void deploy(ServerContainer c) throws jakarta.websocket.DeploymentException {
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        c.addEndpoint(withProperty("/off", false));
        c.addEndpoint(withProperty("/on", true));
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/declines")
                .configurator(new DeclinesExtensions()).build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(PerMessageDeflateServerTest.ReportsExtensions.class, "/records")
                .configurator(new RecordsExtensions()).build());
    }

    /** The defaults: permessage-deflate on. */
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(PerMessageDeflateSwitchTest::deploy);

    /** Permessage-deflate off for the server. */
    @RegisterExtension
    static final RunningServer off = RunningServer.with(b -> b.permessageDeflate(false), PerMessageDeflateSwitchTest::deploy);

    private static String answerOf(RunningServer to, String path) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(to.port())) {
            String answer = upgrade(ws, path, "permessage-deflate; client_max_window_bits").header("Sec-WebSocket-Extensions");
            if (answer == null) {
                // Declined: RSV1 means nothing on this connection (RFC 6455 §5.2).
                ws.sendFrame(true, 4, RawWebSocket.TEXT, PerMessageDeflateServerTest.compress(
                        "hello".getBytes(StandardCharsets.UTF_8)), true);
                assertThat(ws.readCloseFrame().code()).isEqualTo(1002);
            }
            return answer;
        }
    }

    @Test
    void anEndpointTurnsDeflateOffTheStandardWayOrByItsUserProperty() throws Exception {
        assertThat(answerOf(server, "/echo")).isEqualTo(ANSWER);
        assertThat(answerOf(server, "/declines")).as("the configurator chose no extension").isNull();
        assertThat(answerOf(server, "/off")).as("user property false").isNull();
    }

    @Test
    void anEndpointTurnsDeflateOnWhereTheServerHasItOff() throws Exception {
        assertThat(answerOf(off, "/echo")).isNull();
        assertThat(answerOf(off, "/on")).as("user property true").isEqualTo(ANSWER);
    }

    @Test
    void theConfiguratorSeesTheOfferAndTheContainersExtensionAndTheSessionTheAgreedOne() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String answer = upgrade(ws, "/records", "permessage-deflate; client_max_window_bits")
                    .header("Sec-WebSocket-Extensions");
            assertThat(answer).isEqualTo(ANSWER);
            assertThat(installed.get()).isEqualTo("permessage-deflate");
            assertThat(offered.get()).isEqualTo("permessage-deflate; client_max_window_bits");
            RawWebSocket.Frame report = ws.readFrameWithRsv();
            String reported = report.rsv() == 4
                    ? new String(PerMessageDeflateServerTest.inflate(report.payload()), StandardCharsets.UTF_8) : report.text();
            assertThat(reported).as("Session.getNegotiatedExtensions on the server")
                    .isEqualTo("permessage-deflate[server_no_context_takeover,client_no_context_takeover]");
        }
    }

    @Test
    void ourClientOffersWhatItsEndpointConfigListsAsTheJakartaSpecSays() throws Exception {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().build(), ClientTransport.shared())) {
            assertThat(client.getInstalledExtensions()).extracting(Extension::getName).containsExactly("permessage-deflate");
            BlockingQueue<String> reports = new ArrayBlockingQueue<>(4);

            // ClientEndpointConfig.getExtensions is the offer, empty by default (the TCK checks that such a session has none).
            Session plain = client.connectToServer(recorder(reports), ClientEndpointConfig.Builder.create().build(),
                    server.uri("/records"));
            assertThat(offered.get()).as("nothing offered by default").isEmpty();
            assertThat(plain.getNegotiatedExtensions()).isEmpty();
            assertThat(reports.poll(10, TimeUnit.SECONDS)).isEmpty();
            plain.close();

            // The installed extension listed: this client's usual offer, and the agreement on both ends.
            ClientEndpointConfig listed = ClientEndpointConfig.Builder.create()
                    .extensions(List.copyOf(client.getInstalledExtensions())).build();
            Session on = client.connectToServer(recorder(reports), listed, server.uri("/records"));
            assertThat(offered.get()).as("the usual offer")
                    .isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits");
            assertThat(PerMessageDeflateServerTest.describe(on)).as("Session.getNegotiatedExtensions on the client")
                    .isEqualTo("permessage-deflate[server_no_context_takeover,client_no_context_takeover]");
            assertThat(reports.poll(10, TimeUnit.SECONDS))
                    .isEqualTo("permessage-deflate[server_no_context_takeover,client_no_context_takeover]");
            on.close();

            // The user property turns it on for one endpoint without listing it, and off although listed.
            ClientEndpointConfig byProperty = ClientEndpointConfig.Builder.create().build();
            byProperty.getUserProperties().put(ContainerConfig.PERMESSAGE_DEFLATE_PROPERTY, "true");
            Session property = client.connectToServer(recorder(reports), byProperty, server.uri("/records"));
            assertThat(offered.get()).startsWith("permessage-deflate");
            assertThat(reports.poll(10, TimeUnit.SECONDS)).startsWith("permessage-deflate[");
            property.close();
            ClientEndpointConfig listedButOff = ClientEndpointConfig.Builder.create()
                    .extensions(List.copyOf(client.getInstalledExtensions())).build();
            listedButOff.getUserProperties().put(ContainerConfig.PERMESSAGE_DEFLATE_PROPERTY, false);
            Session off = client.connectToServer(recorder(reports), listedButOff, server.uri("/records"));
            assertThat(offered.get()).as("nothing offered").isEmpty();
            assertThat(off.getNegotiatedExtensions()).isEmpty();
            assertThat(reports.poll(10, TimeUnit.SECONDS)).isEmpty();
            off.close();

            // An offer with the application's own parameters is sent as it is.
            ClientEndpointConfig ownOffer = ClientEndpointConfig.Builder.create().extensions(JakartaExtension.of(List.of(
                    new ExtensionOffer("permessage-deflate", List.of(
                            new ExtensionOffer.Parameter("server_no_context_takeover", null)))))).build();
            Session own = client.connectToServer(recorder(reports), ownOffer, server.uri("/records"));
            assertThat(offered.get()).isEqualTo("permessage-deflate; server_no_context_takeover");
            assertThat(names(own.getNegotiatedExtensions())).isEqualTo("permessage-deflate");
            assertThat(reports.poll(10, TimeUnit.SECONDS)).startsWith("permessage-deflate[");
            own.close();
        }
    }

    @Test
    void optionPermessageDeflateOfferHasEveryConnectionOfferIt() throws Exception {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().permessageDeflateOffer(true).build(),
                ClientTransport.shared())) {
            BlockingQueue<String> reports = new ArrayBlockingQueue<>(4);
            Session session = client.connectToServer(recorder(reports), ClientEndpointConfig.Builder.create().build(),
                    server.uri("/records"));
            assertThat(offered.get()).isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits");
            assertThat(reports.poll(10, TimeUnit.SECONDS)).startsWith("permessage-deflate[");
            session.close();
        }
    }

    private static Endpoint recorder(BlockingQueue<String> reports) {
        return new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) reports::add);
            }
        };
    }
}
