package io.wssocket.interop;

import static io.wssocket.interop.InteropPayloads.KIB;
import static io.wssocket.interop.InteropPayloads.MIB;
import static io.wssocket.interop.InteropPayloads.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a Jakarta WebSocket client container must be able to do with every third-party server:
 * echo text and binary messages around the payload-length encodings of RFC 6455 §5.2 (125/126
 * bytes, 65535/65536 bytes) up to 16 MiB, whole and fragmented in both directions (RFC 6455
 * §5.4); ping and pong in both directions (§5.5.2, §5.5.3); subprotocol negotiation (§4.1,
 * §4.2.2); and closes with application and registered codes in both directions (§7.4). Only
 * the standard client API is used, with programmatic and annotated endpoints, against the
 * {@link PeerServerEndpoints} that a subclass's server offers, started once for the class; the
 * client container comes from {@link ClientContainers#underTest()}.
 *
 * <p>The permessage-deflate cases (RFC 7692, methods named {@code deflate...}) connect with a
 * client container that has the extension explicitly on ({@link ClientContainers#underTestOfferingDeflate()});
 * every peer server accepts it as it comes, or with what an application adds for it (Tyrus's
 * deflate extension, ws's {@code perMessageDeflate}). They run over ws and wss alike.
 *
 * <p>A class runs over {@link #scheme()}: over ws, every case; over wss, the peer presents the
 * test certificate and the class runs the {@link WssSubset}, which the argument sources pick. One
 * test instance serves all of a class's cases, so that the sources can ask it which scheme it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ServerInteropCases {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String UNKNOWN_SUBPROTOCOL = "x-unknown";
    private static final HexFormat HEX = HexFormat.of();

    private PeerServer server;
    private int port;
    private ClientUnderTest client;

    /** A new peer server, not yet started. */
    abstract PeerServer newServer();

    /**
     * Whether the server sets RSV1 on the first frame of a compressed message only, as RFC 7692
     * §6.1 requires; true unless a subclass knows better. Our client fails a connection whose
     * continuation frame has RSV1 with 1002 (RFC 6455 §5.2).
     */
    boolean serverMarksOnlyTheFirstFrameCompressed() {
        return true;
    }

    /** ws unless a subclass runs over TLS; the peer server then presents the test certificate. */
    Scheme scheme() {
        return Scheme.WS;
    }

    @BeforeAll
    void startServer() throws Exception {
        server = newServer();
        port = server.start(scheme());
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void openClient() {
        client = ClientContainers.underTest();
    }

    @AfterEach
    void releaseClient() {
        client.close();
    }

    /** Over wss, the {@link WssSubset}'s whole echoes. */
    Stream<Arguments> echoCases() {
        if (scheme() == Scheme.WSS) {
            return WssSubset.wholeEchoes();
        }
        return allEchoCases();
    }

    private static Stream<Arguments> allEchoCases() {
        return Stream.of(MessageType.values()).flatMap(type ->
                sizes().boxed().flatMap(size ->
                        Stream.of(EchoRoute.values()).map(route -> Arguments.of(type, size, route))));
    }

    private static IntStream sizes() {
        return IntStream.of(0, 125, 126, 64 * KIB - 1, 64 * KIB, 16 * MIB);
    }

    /** Over wss, the {@link WssSubset}'s fragmented echo, fragmented by both ends. */
    Stream<Arguments> serverFragmentedCases() {
        if (scheme() == Scheme.WSS) {
            return WssSubset.fragmentedEcho(EchoRoute.FRAGMENTED_BOTH_WAYS);
        }
        return allEchoCases().filter(arguments -> ((EchoRoute) arguments.get()[2]).serverFragments());
    }

    /**
     * Close codes an application may send (RFC 6455 §7.4.1, §7.4.2): registered ones, a
     * registered-use and a private-use one; over wss, the {@link WssSubset}'s.
     */
    IntStream closeCodes() {
        if (scheme() == Scheme.WSS) {
            return WssSubset.closeCodes();
        }
        return IntStream.of(1000, 1001, 1003, 1008, 1011, 3000, 4999);
    }

    /** Empty, one byte and the most a control frame carries (RFC 6455 §5.5); over wss, the last only. */
    IntStream pingPayloadSizes() {
        return scheme() == Scheme.WSS ? WssSubset.pingPayloadSizes() : IntStream.of(0, 1, 125);
    }

    @ParameterizedTest(name = "{0} of {1} bytes, {2}")
    @MethodSource("echoCases")
    void wholeHandlersGetTheEchoByteForByte(MessageType type, int size, EchoRoute route) throws Exception {
        echo(type, size, route, RecordingClientEndpoint.Handlers.WHOLE);
    }

    /**
     * A server's fragments reach partial handlers as pieces, at least one per frame that carries
     * bytes (the Node peer even cuts text frames inside UTF-8 sequences), and gather to the message sent.
     */
    @ParameterizedTest(name = "{0} of {1} bytes, {2}")
    @MethodSource("serverFragmentedCases")
    void partialHandlersGetTheServersFragments(MessageType type, int size, EchoRoute route) throws Exception {
        ReceivedMessage reply = echo(type, size, route, RecordingClientEndpoint.Handlers.PARTIAL, fragmentCaseConfig());
        // An empty message's middle fragments carry nothing, and our client does not call the
        // handler for them; its first and last fragments still arrive as pieces.
        int expected = size == 0 ? 2 : FragmentingEchoEndpoint.PARTS;
        assertThat(reply.parts()).as("pieces the partial handler got").isGreaterThanOrEqualTo(expected);
    }

    /**
     * The client configuration of the case that counts the server's fragments: the default one,
     * unless the peer's compression changes fragment boundaries (RFC 6455 §5.4 lets an extension
     * do so), when that case turns permessage-deflate off to see the frames the peer's endpoint sent.
     */
    ClientEndpointConfig fragmentCaseConfig() {
        return ClientEndpointConfig.Builder.create().build();
    }

    /** Sends a message along the route and returns the reply, checked to be the same message. */
    private ReceivedMessage echo(MessageType type, int size, EchoRoute route, RecordingClientEndpoint.Handlers handlers)
            throws Exception {
        return echo(type, size, route, handlers, ClientEndpointConfig.Builder.create().build());
    }

    /** As {@link #echo(MessageType, int, EchoRoute, RecordingClientEndpoint.Handlers)} with a client configuration. */
    ReceivedMessage echo(MessageType type, int size, EchoRoute route, RecordingClientEndpoint.Handlers handlers,
                         ClientEndpointConfig config) throws Exception {
        try (ClientConnection connection = connect(route.path(), handlers, config)) {
            byte[] sent = connection.send(type, size, route.clientParts());
            ReceivedMessage reply = connection.events().nextMessage(TIMEOUT);
            assertThat(reply.type()).isEqualTo(type);
            assertSameBytes(sent, reply.payload());
            return reply;
        }
    }

    @ParameterizedTest(name = "{0}-byte payload")
    @MethodSource("pingPayloadSizes")
    void serverAnswersClientPingWithPong(int size) throws Exception {
        try (ClientConnection connection = connect(InteropEndpoints.CONTROL, RecordingClientEndpoint.Handlers.WHOLE)) {
            byte[] payload = InteropPayloads.bytes(size);
            connection.session().getBasicRemote().sendPing(ByteBuffer.wrap(payload));
            assertThat(connection.events().nextPong(TIMEOUT)).isEqualTo(payload);
        }
    }

    /** The container answers a server's ping by itself (RFC 6455 §5.5.2); the server reports the pong it got. */
    @ParameterizedTest(name = "{0}-byte payload")
    @MethodSource("pingPayloadSizes")
    void clientAnswersServerPingWithPong(int size) throws Exception {
        try (ClientConnection connection = connect(InteropEndpoints.CONTROL, RecordingClientEndpoint.Handlers.WHOLE)) {
            String payload = HEX.formatHex(InteropPayloads.bytes(size));
            connection.sendText("ping " + payload);
            assertThat(connection.nextText(TIMEOUT)).isEqualTo("pong " + payload);
        }
    }

    @Test
    void programmaticEndpointNegotiatesTheSubprotocolTheServerSupports() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(UNKNOWN_SUBPROTOCOL, PeerServerEndpoints.SUBPROTOCOL_NAME)).build();
        try (ClientConnection connection = connect(PeerServerEndpoints.SUBPROTOCOL, RecordingClientEndpoint.Handlers.WHOLE, config)) {
            assertSubprotocolOnBothSides(connection);
        }
    }

    @Test
    void annotatedEndpointNegotiatesTheSubprotocolTheServerSupports() throws Exception {
        try (ClientConnection connection = connectAnnotated(PeerServerEndpoints.SUBPROTOCOL)) {
            assertSubprotocolOnBothSides(connection);
        }
    }

    private static void assertSubprotocolOnBothSides(ClientConnection connection) throws InterruptedException {
        assertThat(connection.session().getNegotiatedSubprotocol()).as("the client session's subprotocol")
                .isEqualTo(PeerServerEndpoints.SUBPROTOCOL_NAME);
        assertThat(connection.nextText(TIMEOUT)).as("the server's report")
                .isEqualTo("subprotocol " + PeerServerEndpoints.SUBPROTOCOL_NAME);
    }

    /** With none offered, or none the server supports, the session has the empty string for subprotocol (Session javadoc). */
    @ParameterizedTest(name = "offered {0}", allowZeroInvocations = true)
    @MethodSource("unagreedSubprotocols")
    void sessionHasNoSubprotocolWithoutAgreement(List<String> offered) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(offered).build();
        try (ClientConnection connection = connect(PeerServerEndpoints.SUBPROTOCOL, RecordingClientEndpoint.Handlers.WHOLE, config)) {
            assertThat(connection.session().getNegotiatedSubprotocol()).isEmpty();
        }
    }

    /** Not in the {@link WssSubset}: none over wss. */
    Stream<List<String>> unagreedSubprotocols() {
        if (scheme() == Scheme.WSS) {
            return Stream.empty();
        }
        return Stream.of(List.of(), List.of(UNKNOWN_SUBPROTOCOL));
    }

    /** The close frame's code and reason (RFC 6455 §5.5.1) reach the server's endpoint, which tells on another connection. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("closeCodes")
    void serverSeesTheCodeTheClientClosesWith(int code) throws Exception {
        String client = UUID.randomUUID().toString();
        String reason = "client closes with " + code + " ✓";
        try (ClientConnection connection = connect(controlPath(client), RecordingClientEndpoint.Handlers.WHOLE)) {
            connection.session().close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            connection.events().awaitClose(TIMEOUT);
        }
        try (ClientConnection query = connect(InteropEndpoints.CONTROL, RecordingClientEndpoint.Handlers.WHOLE)) {
            query.sendText("closed " + client);
            assertThat(query.nextText(TIMEOUT.plus(PeerControlEndpoint.REPORT_WAIT))).isEqualTo("closed " + code + " " + reason);
        }
    }

    Stream<Arguments> serverCloseCases() {
        return closeCodes().boxed().flatMap(code ->
                Stream.of(EndpointStyle.values()).map(style -> Arguments.of(code, style)));
    }

    /**
     * The command goes with the async remote, whose send is complete when the container says so.
     * (A basic send may also do bookkeeping after the frame is out, when the server's close can
     * already have ended the session: Tyrus 2.2.0's {@code TyrusRemoteEndpoint.Basic.sendText}
     * then restarts its idle timer on executors that its {@code ClientManager} shut down when its
     * last connection ended, and throws {@code RejectedExecutionException}.)
     */
    @ParameterizedTest(name = "{0}, {1} endpoint")
    @MethodSource("serverCloseCases")
    void clientSeesTheCodeTheServerClosesWith(int code, EndpointStyle style) throws Exception {
        String reason = "server closes with " + code + " ✓";
        String path = controlPath(UUID.randomUUID().toString());
        try (ClientConnection connection = style == EndpointStyle.ANNOTATED
                ? connectAnnotated(path)
                : connect(path, RecordingClientEndpoint.Handlers.WHOLE)) {
            connection.sendTextAsync("close " + code + " " + reason, TIMEOUT);
            assertThat(connection.events().awaitClose(TIMEOUT)).isEqualTo(new CloseStatus(code, reason));
        }
    }

    /**
     * Both ends tell whether the connection runs over TLS: our client's session by
     * {@code isSecure()} and the scheme of its request URI (Jakarta WebSocket, {@code Session}),
     * the peer's server session by its own {@code isSecure()} (the Node peer: whether its socket
     * is encrypted).
     */
    @Test
    void bothEndsKnowWhetherTheConnectionIsSecure() throws Exception {
        try (ClientConnection connection = connect(InteropEndpoints.CONTROL, RecordingClientEndpoint.Handlers.WHOLE)) {
            assertThat(connection.session().isSecure()).as("what our client's session says").isEqualTo(scheme().secure());
            assertThat(connection.session().getRequestURI().getScheme()).as("scheme of our session's request URI")
                    .isEqualTo(scheme().toString());
            connection.sendText(ControlEndpoint.SECURE_COMMAND);
            assertThat(connection.nextText(TIMEOUT)).as("what the peer's session says")
                    .isEqualTo(ControlEndpoint.SECURE_COMMAND + " " + scheme().secure());
        }
    }

    /**
     * Both ends name permessage-deflate with the same parameters: our client's session
     * ({@code getNegotiatedExtensions()}) and the peer server's session (its control path's
     * {@value NegotiatedExtensions#COMMAND} command).
     */
    @Test
    void deflateIsNegotiatedAndBothEndsSayWhat() throws Exception {
        try (ClientUnderTest deflating = ClientContainers.underTestOfferingDeflate();
                ClientConnection connection = connectDeflating(deflating, InteropEndpoints.CONTROL, RecordingClientEndpoint.Handlers.WHOLE)) {
            String ours = NegotiatedExtensions.header(connection.session().getNegotiatedExtensions());
            connection.sendText(NegotiatedExtensions.COMMAND);
            String theirs = connection.nextText(TIMEOUT).substring(NegotiatedExtensions.COMMAND.length() + 1);
            DeflateCases.assertSameAgreement(ours, Optional.of(theirs), "the peer server");
        }
    }

    Stream<MessageType> deflateTypes() {
        return DeflateCases.types();
    }

    /**
     * Fifteen messages of every size ({@link DeflateCases#everySize}) on one connection, all sent
     * before the first echo is read, come back in order byte for byte; a peer that keeps its
     * compression context between messages (ws does by default) has each echo refer to the ones
     * before, which our client's inflater must then have kept.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deflateTypes")
    void deflateEchoesEverySizeOnOneConnection(MessageType type) throws Exception {
        try (ClientUnderTest deflating = ClientContainers.underTestOfferingDeflate();
                ClientConnection connection = connectDeflating(deflating, InteropEndpoints.ECHO, RecordingClientEndpoint.Handlers.WHOLE)) {
            List<DeflateCases.Message> messages = DeflateCases.everySize(type);
            DeflateCases.sendAll(connection, messages, connection.events());
            for (DeflateCases.Message message : messages) {
                ReceivedMessage reply = connection.events().nextMessage(TIMEOUT);
                assertThat(reply.type()).as("type of the echo of %s", message).isEqualTo(type);
                assertSameBytes(message.payload(), reply.payload());
            }
        }
    }

    /**
     * An empty message between two others on one connection: its echo is empty and the message
     * after it is intact. A server may send an empty compressed message as an empty payload with
     * RSV1 (Tyrus does: no DEFLATE data at all, where RFC 7692 §7.2.3.6 has one empty block); our
     * client takes it as an empty message and leaves its kept inflater as it was.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deflateTypes")
    void deflateEchoesAnEmptyMessageBetweenOthers(MessageType type) throws Exception {
        List<DeflateCases.Message> messages = DeflateCases.emptyBetweenOthers(type);
        try (ClientUnderTest deflating = ClientContainers.underTestOfferingDeflate();
                ClientConnection connection = connectDeflating(deflating, InteropEndpoints.ECHO, RecordingClientEndpoint.Handlers.WHOLE)) {
            DeflateCases.sendAll(connection, messages, connection.events());
            assertSameBytes(messages.get(0).payload(), connection.events().nextMessage(TIMEOUT).payload());
            assertThat(connection.events().nextMessage(TIMEOUT).payload()).as("echo of the empty message").isEmpty();
            assertSameBytes(messages.get(2).payload(), connection.events().nextMessage(TIMEOUT).payload());
        }
    }

    Stream<Arguments> deflateFragmentedCases() {
        return DeflateCases.types().flatMap(type -> Stream.of(EchoRoute.values()).filter(route -> route != EchoRoute.WHOLE)
                .flatMap(route -> Stream.of(RecordingClientEndpoint.Handlers.values()).map(handlers -> Arguments.of(type, route, handlers))));
    }

    /**
     * Compressed messages in several frames (RFC 7692 §6.1), from our client, from the peer, or
     * both, two on one connection, reach whole and partial handlers intact. Only the content is
     * checked: an extension may change how a message is fragmented (RFC 6455 §5.4), and Tomcat's
     * deflate does, sending fewer frames than its endpoint sent parts. A server that sets RSV1 on
     * its continuation frames too has its connection failed by our client with 1002.
     */
    @ParameterizedTest(name = "{0}, {1}, {2} handlers")
    @MethodSource("deflateFragmentedCases")
    void deflateEchoesFragmentedCompressedMessages(MessageType type, EchoRoute route, RecordingClientEndpoint.Handlers handlers)
            throws Exception {
        List<DeflateCases.Message> messages = List.of(DeflateCases.compressible(type, 64 * KIB + 1),
                new DeflateCases.Message(type, InteropPayloads.payload(type, 16 * KIB)));
        try (ClientUnderTest deflating = ClientContainers.underTestOfferingDeflate();
                ClientConnection connection = connectDeflating(deflating, route.path(), handlers)) {
            if (route.serverFragments() && !serverMarksOnlyTheFirstFrameCompressed()) {
                DeflateCases.send(connection, messages.get(0), route.clientParts());
                CloseStatus close = connection.events().awaitClose(TIMEOUT);
                assertThat(close.code()).as("close code of our client (%s)", close).isEqualTo(1002);
                assertThat(close.reason()).as("reason of our client's close").contains("RSV1");
                return;
            }
            for (DeflateCases.Message message : messages) {
                DeflateCases.send(connection, message, route.clientParts());
                ReceivedMessage reply = connection.events().nextMessage(TIMEOUT);
                assertThat(reply.type()).isEqualTo(type);
                assertSameBytes(message.payload(), reply.payload());
            }
        }
    }

    /**
     * A compressible {@value DeflateCases#WIRE_MESSAGE}-byte message and its echo, counted on the
     * wire by a relay: each way, the whole connection (handshake, TLS over wss) takes under
     * {@value DeflateCases#WIRE_LIMIT} bytes, which only compressed frames get under.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deflateTypes")
    void deflateCompressesWhatGoesOnTheWire(MessageType type) throws Exception {
        DeflateCases.Message message = DeflateCases.compressible(type, DeflateCases.WIRE_MESSAGE);
        try (ClientUnderTest deflating = ClientContainers.underTestOfferingDeflate();
                CountingRelay relay = CountingRelay.to(port);
                ClientConnection connection = connect(deflating, scheme().uri(relay.port(), server.deflatePrefix() + InteropEndpoints.ECHO),
                        RecordingClientEndpoint.Handlers.WHOLE, ClientEndpointConfig.Builder.create().build())) {
            DeflateCases.send(connection, message, 1);
            assertSameBytes(message.payload(), connection.events().nextMessage(TIMEOUT).payload());
            assertThat(relay.bytesToServer()).as("bytes from our client").isLessThan(DeflateCases.WIRE_LIMIT);
            assertThat(relay.bytesToClient()).as("bytes from the peer server").isLessThan(DeflateCases.WIRE_LIMIT);
        }
    }

    /** How a case's client endpoint is written. */
    enum EndpointStyle {
        PROGRAMMATIC, ANNOTATED
    }

    private static String controlPath(String client) {
        return InteropEndpoints.CONTROL + "?" + ServerCloses.CLIENT_PARAMETER + "=" + client;
    }

    private ClientConnection connect(String pathAndQuery, RecordingClientEndpoint.Handlers handlers) throws Exception {
        return connect(pathAndQuery, handlers, ClientEndpointConfig.Builder.create().build());
    }

    ClientConnection connect(String pathAndQuery, RecordingClientEndpoint.Handlers handlers, ClientEndpointConfig config)
            throws Exception {
        return connect(client, uri(pathAndQuery), handlers, config);
    }

    /** A connection of {@code container} to the path where the peer server offers permessage-deflate ({@link PeerServer#deflatePrefix()}). */
    private ClientConnection connectDeflating(ClientUnderTest container, String path, RecordingClientEndpoint.Handlers handlers)
            throws Exception {
        return connect(container, uri(server.deflatePrefix() + path), handlers, ClientEndpointConfig.Builder.create().build());
    }

    private static ClientConnection connect(ClientUnderTest container, URI uri, RecordingClientEndpoint.Handlers handlers,
            ClientEndpointConfig config) throws Exception {
        EventRecorder recorder = new EventRecorder();
        return new ClientConnection(container.container().connectToServer(new RecordingClientEndpoint(recorder, handlers), config, uri),
                recorder.events());
    }

    private URI uri(String pathAndQuery) {
        return scheme().uri(port, pathAndQuery);
    }

    private ClientConnection connectAnnotated(String pathAndQuery) throws Exception {
        EventRecorder recorder = new EventRecorder();
        return new ClientConnection(client.container().connectToServer(new AnnotatedChatClient(recorder), uri(pathAndQuery)),
                recorder.events());
    }
}
