package io.wssocket.interop;

import static io.wssocket.interop.InteropPayloads.KIB;
import static io.wssocket.interop.InteropPayloads.MIB;
import static io.wssocket.interop.InteropPayloads.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wssocket.server.WebSocketServer;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every third-party client must be able to do with our server: echo text and binary
 * messages around the length-encoding edges of RFC 6455 §5.2 (125/126 bytes, 64 KiB/64 KiB + 1)
 * up to the 16 MiB default limit, whole and fragmented in both directions; ping and pong in both
 * directions; every close code that may go on the wire (RFC 6455 §7.4) in both directions; and
 * subprotocol negotiation (RFC 6455 §4.1, §4.2.2). A subclass per client library supplies the
 * connection and says what the library's API cannot do (a browser's WebSocket sends neither
 * fragments nor pings): a case that needs it is skipped for that library by an assumption that
 * says why.
 *
 * <p>The permessage-deflate cases (RFC 7692, methods named {@code deflate...}) run against a
 * second server of the class that has the extension explicitly on, with a client that offers it
 * as an application of the library would; they run over ws and wss alike.
 *
 * <p>A class runs over {@link #scheme()}: over ws, every case; over wss, our server has the test
 * certificate and the class runs the {@link WssSubset}, which the argument sources pick. One test
 * instance serves all of a class's cases, so that the sources can ask it which scheme it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientInteropCases {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A bound, not a speed: 16 MiB through a browser on a loaded 2-core machine has taken longer than 10 s. */
    static final Duration LARGE_TIMEOUT = Duration.ofSeconds(60);
    private static final String CONTEXT_KEPT = "the client keeps its compression context between messages although the"
            + " server's answer says client_no_context_takeover (RFC 7692 §7.1.1.2): our server fails its second compressed"
            + " message (deflateRepeatedMessageShowsWhetherTheClientDropsItsContext)";
    private static final HexFormat HEX = HexFormat.of();
    private static final ServerCloses CLOSES = new ServerCloses();

    /** Our server, for the tests of this class only. */
    private WebSocketServer server;
    /** Our server with permessage-deflate on, for the deflate cases of this class only. */
    private WebSocketServer deflateServer;

    /** ws unless a subclass runs over TLS; the library must then trust the test certificate. */
    Scheme scheme() {
        return Scheme.WS;
    }

    @BeforeAll
    void startServer() throws Exception {
        server = InteropEndpoints.start(CLOSES, scheme(), allowedOrigins(), builder -> builder);
        deflateServer = InteropEndpoints.start(CLOSES, scheme(), allowedOrigins(),
                builder -> builder.permessageDeflate(true).deflateThreshold(DeflateCases.THRESHOLD));
    }

    /** Origins whose pages the server admits besides its own (the allowed-origins option); none unless a browser needs it. */
    String allowedOrigins() {
        return "";
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (deflateServer != null) {
            deflateServer.close();
        }
    }

    /**
     * Opens a connection to {@code uri} offering {@code subprotocols} in that order; with partial
     * handlers where the library offers a choice.
     */
    abstract InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception;

    /**
     * Opens a connection to {@code uri} that offers permessage-deflate (RFC 7692) as an
     * application of the library asks for it; called only when {@link #deflateUnavailable()} is empty.
     */
    abstract InteropPeer connectOfferingDeflate(URI uri) throws Exception;

    /** Why the client library cannot negotiate permessage-deflate at all; empty unless a subclass knows better. */
    Optional<String> deflateUnavailable() {
        return Optional.empty();
    }

    /**
     * Whether the client starts every compressed message with an empty LZ77 window when the
     * server's answer says {@code client_no_context_takeover}, as RFC 7692 §7.1.1.2 requires; true
     * unless a subclass knows better. Our server asks for it and inflates each message on its own.
     */
    boolean clientDropsContextWhenAsked() {
        return true;
    }

    /**
     * Whether the client sets RSV1 on the first frame of a compressed message only, as RFC 7692
     * §6.1 requires; true unless a subclass knows better. Our server fails a connection whose
     * continuation frame has RSV1 with 1002 (RFC 6455 §5.2: a reserved bit that no extension gives
     * a meaning to).
     */
    boolean clientMarksOnlyTheFirstFrameCompressed() {
        return true;
    }

    /**
     * The close codes the client library may report when our server fails the connection with
     * {@code code} (a close frame, then the end of the connection: RFC 6455 §7.1.7); {@code code}
     * alone unless a subclass knows better.
     */
    Set<Integer> codesSeenWhenOurServerFails(int code) {
        return Set.of(code);
    }

    /** Whether the client library lets an application close with this code; true unless a subclass knows better. */
    boolean clientSendsCloseCode(int code) {
        return true;
    }

    /** Whether the client library accepts this code from a server; true unless a subclass knows better. */
    boolean clientAcceptsCloseCode(int code) {
        return true;
    }

    /** Whether the library's API can send a message in several frames (RFC 6455 §5.4); true unless a subclass knows better. */
    boolean clientSendsFragments() {
        return true;
    }

    /** Whether the library's API can send a ping (RFC 6455 §5.5.2); true unless a subclass knows better. */
    boolean clientSendsPings() {
        return true;
    }

    /**
     * The fewest pieces in which the library hands over a message that came in {@code frames}
     * frames, {@code size} payload bytes in all: how much of the server's fragmenting a case can
     * see. {@code frames} unless a subclass knows better; a library that only gathers messages
     * itself shows one piece, and then the bytes alone show that it put the frames together.
     */
    int piecesDeliveredFor(MessageType type, int size, int frames) {
        return frames;
    }

    private InteropPeer open(URI uri, boolean partialHandlers) throws Exception {
        return connect(uri, partialHandlers, List.of());
    }

    private URI uri(String pathAndQuery) {
        return scheme().uri(server.port(), pathAndQuery);
    }

    /** Over wss, the {@link WssSubset}'s echoes: every client can take a fragmented reply, not every one can send fragments. */
    Stream<Arguments> echoCases() {
        if (scheme() == Scheme.WSS) {
            return Stream.concat(WssSubset.wholeEchoes(), WssSubset.fragmentedEcho(EchoRoute.SERVER_FRAGMENTED));
        }
        return Stream.of(MessageType.values()).flatMap(type ->
                Stream.of(0, 125, 126, 64 * KIB, 64 * KIB + 1, 16 * MIB).flatMap(size ->
                        Stream.of(EchoRoute.values()).map(route -> Arguments.of(type, size, route))));
    }

    /** RFC 6455 §7.4.1 and the IANA registry: every code an endpoint may put in a close frame; over wss, the {@link WssSubset}'s. */
    IntStream closeCodes() {
        if (scheme() == Scheme.WSS) {
            return WssSubset.closeCodes();
        }
        return IntStream.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                3000, 3999, 4000, 4999);
    }

    /** Empty, one byte and the most a control frame carries (RFC 6455 §5.5); over wss, the last only. */
    IntStream pingPayloadSizes() {
        return scheme() == Scheme.WSS ? WssSubset.pingPayloadSizes() : IntStream.of(0, 1, 125);
    }

    @ParameterizedTest(name = "{0} of {1} bytes, {2}")
    @MethodSource("echoCases")
    void echoesMessageByteForByte(MessageType type, int size, EchoRoute route) throws Exception {
        assumeTrue(route.clientParts() == 1 || clientSendsFragments(), "the client's API sends whole messages only");
        try (InteropPeer peer = open(uri(route.path()), route.serverFragments())) {
            byte[] sent = send(peer, type, size, route.clientParts());
            ReceivedMessage reply = peer.nextMessage(size > MIB ? LARGE_TIMEOUT : TIMEOUT);
            assertThat(reply.type()).isEqualTo(type);
            assertSameBytes(sent, reply.payload());
            if (route.serverFragments()) {
                assertThat(reply.parts()).as("pieces the client got the reply in")
                        .isGreaterThanOrEqualTo(piecesDeliveredFor(type, size, FragmentingEchoEndpoint.PARTS));
            }
        }
    }

    /** Not in the {@link WssSubset}: none over wss. */
    Stream<Arguments> streamingCases() {
        if (scheme() == Scheme.WSS) {
            return Stream.empty();
        }
        return Stream.of(MessageType.values()).flatMap(type ->
                Stream.of(0, 64 * KIB + 1, 16 * MIB).map(size -> Arguments.of(type, size)));
    }

    /**
     * Partial handlers on the server get the message in pieces (the client's frames, cut further
     * by socket reads) and send each back with {@code sendText/sendBinary(part, last)} before the
     * next arrives, so one outgoing message is sent in parts over several handler calls. A client
     * that cannot fragment sends one frame, which socket reads still cut when it is large.
     */
    @ParameterizedTest(name = "{0} of {1} bytes", allowZeroInvocations = true)
    @MethodSource("streamingCases")
    void partialHandlerEchoesEachPieceAsItArrives(MessageType type, int size) throws Exception {
        try (InteropPeer peer = open(uri(InteropEndpoints.STREAMING_ECHO), true)) {
            boolean fragments = clientSendsFragments();
            byte[] sent = send(peer, type, size, fragments ? 3 : 1);
            ReceivedMessage reply = peer.nextMessage(size > MIB ? LARGE_TIMEOUT : TIMEOUT);
            assertThat(reply.type()).isEqualTo(type);
            assertSameBytes(sent, reply.payload());
            // Our reader drops an empty middle fragment (WebSocketReader), so three empty frames come back as two.
            assertThat(reply.parts()).as("pieces the client got the reply in")
                    .isGreaterThanOrEqualTo(piecesDeliveredFor(type, size, fragments ? 2 : 1));
        }
    }

    /** Sends a message of {@code size} wire bytes in {@code parts} frames; returns its payload. */
    private static byte[] send(InteropPeer peer, MessageType type, int size, int parts) throws Exception {
        if (type == MessageType.TEXT) {
            String text = InteropPayloads.text(size);
            List<String> pieces = InteropPayloads.split(text, parts);
            for (int i = 0; i < pieces.size(); i++) {
                peer.sendText(pieces.get(i), i == pieces.size() - 1);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = InteropPayloads.bytes(size);
        List<ByteBuffer> pieces = InteropPayloads.split(bytes, parts);
        for (int i = 0; i < pieces.size(); i++) {
            peer.sendBinary(pieces.get(i), i == pieces.size() - 1);
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0}-byte payload")
    @MethodSource("pingPayloadSizes")
    void clientPingIsAnsweredWithPongOfSamePayload(int size) throws Exception {
        assumeTrue(clientSendsPings(), "the client's API cannot send a ping");
        try (InteropPeer peer = open(uri(InteropEndpoints.CONTROL), false)) {
            byte[] payload = InteropPayloads.bytes(size);
            peer.sendPing(ByteBuffer.wrap(payload));
            assertThat(peer.nextPong(TIMEOUT)).isEqualTo(payload);
        }
    }

    @ParameterizedTest(name = "{0}-byte payload")
    @MethodSource("pingPayloadSizes")
    void serverPingIsAnsweredWithPongOfSamePayload(int size) throws Exception {
        try (InteropPeer peer = open(uri(InteropEndpoints.CONTROL), false)) {
            String payload = HEX.formatHex(InteropPayloads.bytes(size));
            peer.sendText("ping " + payload, true);
            ReceivedMessage report = peer.nextMessage(TIMEOUT);
            assertThat(new String(report.payload(), StandardCharsets.UTF_8)).isEqualTo("pong " + payload);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closeCodes")
    void clientClosesWithCode(int code) throws Exception {
        assumeTrue(clientSendsCloseCode(code), "the client library refuses to send close code " + code);
        String client = UUID.randomUUID().toString();
        String reason = "client closes with " + code + " ✓";
        try (InteropPeer peer = open(controlUri(client), false)) {
            peer.sendClose(code, reason);
            CloseReason seen = CLOSES.await(client, TIMEOUT);
            assertThat(seen.getCloseCode().getCode()).as("code in the server's onClose").isEqualTo(code);
            assertThat(seen.getReasonPhrase()).as("reason in the server's onClose").isEqualTo(reason);
            if (clientAcceptsCloseCode(code)) {
                // RFC 6455 §5.5.1: the server answers with a close frame, typically echoing the code.
                assertThat(peer.awaitClose(TIMEOUT).code()).as("code of the server's answer").isEqualTo(code);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closeCodes")
    void serverClosesWithCode(int code) throws Exception {
        assumeTrue(clientAcceptsCloseCode(code), "the client library rejects close code " + code + " from a server");
        String client = UUID.randomUUID().toString();
        String reason = "server closes with " + code + " ✓";
        try (InteropPeer peer = open(controlUri(client), false)) {
            peer.sendText("close " + code + " " + reason, true);
            assertThat(peer.awaitClose(TIMEOUT)).as("close the client saw").isEqualTo(new CloseStatus(code, reason));
            assertThat(CLOSES.await(client, TIMEOUT).getCloseCode().getCode())
                    .as("code in the server's onClose").isEqualTo(code);
        }
    }

    /**
     * The client offers a protocol the server does not know first; the server picks the first of
     * the client's list that it supports (RFC 6455 §4.2.2 leaves the choice to the server; the
     * Jakarta default configurator takes the client's order), and both ends report the same.
     */
    @Test
    void bothEndsAgreeOnTheSubprotocolTheServerPicks() throws Exception {
        List<String> offered = List.of("x-unknown", SubprotocolEndpoint.SUPPORTED);
        try (InteropPeer peer = connect(uri(InteropEndpoints.SUBPROTOCOL), false, offered)) {
            assertThat(peer.subprotocol()).as("subprotocol the client reports").isEqualTo(SubprotocolEndpoint.SUPPORTED);
            ReceivedMessage report = peer.nextMessage(TIMEOUT);
            assertThat(new String(report.payload(), StandardCharsets.UTF_8)).as("subprotocol the server's session reports")
                    .isEqualTo(SubprotocolEndpoint.SUPPORTED);
        }
    }

    /**
     * Both ends tell whether the connection runs over TLS: our server's session by
     * {@code isSecure()} and the scheme of its request URI, the client library by what its API
     * has for it, if anything ({@link InteropPeer#secure()}).
     */
    @Test
    void bothEndsKnowWhetherTheConnectionIsSecure() throws Exception {
        try (InteropPeer peer = open(uri(InteropEndpoints.CONTROL), false)) {
            peer.sendText(ControlEndpoint.SECURE_COMMAND, true);
            ReceivedMessage report = peer.nextMessage(TIMEOUT);
            assertThat(new String(report.payload(), StandardCharsets.UTF_8)).as("what our server's session says")
                    .isEqualTo(ControlEndpoint.SECURE_COMMAND + " " + scheme().secure() + " " + scheme());
            peer.secure().ifPresent(secure -> assertThat(secure).as("what the client library says").isEqualTo(scheme().secure()));
        }
    }

    private InteropPeer openDeflate(String path) throws Exception {
        assumeTrue(deflateUnavailable().isEmpty(), () -> deflateUnavailable().orElseThrow());
        return connectOfferingDeflate(scheme().uri(deflateServer.port(), path));
    }

    /**
     * Both ends name permessage-deflate: our server's session ({@code getNegotiatedExtensions()})
     * with the parameters it answers with, {@code server_no_context_takeover} and
     * {@code client_no_context_takeover} (so that neither end keeps zlib state between messages),
     * and the client library the same, where its API tells.
     */
    @Test
    void deflateIsNegotiatedAndBothEndsSayWhat() throws Exception {
        try (InteropPeer peer = openDeflate(InteropEndpoints.CONTROL)) {
            peer.sendText(NegotiatedExtensions.COMMAND, true);
            String ours = new String(peer.nextMessage(TIMEOUT).payload(), StandardCharsets.UTF_8)
                    .substring(NegotiatedExtensions.COMMAND.length() + 1);
            assertThat(DeflateCases.deflateParameters(ours)).as("parameters our server's session reports (%s)", ours)
                    .contains(DeflateCases.SERVER_NO_CONTEXT_TAKEOVER, DeflateCases.CLIENT_NO_CONTEXT_TAKEOVER);
            DeflateCases.assertSameAgreement(ours, peer.extensions(), "the client library");
        }
    }

    Stream<MessageType> deflateTypes() {
        return DeflateCases.types();
    }

    /**
     * Fifteen messages of every size ({@link DeflateCases#everySize}) on one connection, all sent
     * before the first echo is read, come back in order byte for byte: the client compresses what
     * it chooses to, our server inflates each message on its own and compresses what is at least
     * {@value DeflateCases#THRESHOLD} bytes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deflateTypes")
    void deflateEchoesEverySizeOnOneConnection(MessageType type) throws Exception {
        assumeTrue(clientDropsContextWhenAsked(), CONTEXT_KEPT);
        try (InteropPeer peer = openDeflate(InteropEndpoints.ECHO)) {
            List<DeflateCases.Message> messages = DeflateCases.everySize(type);
            DeflateCases.sendAll(peer, messages, peer.events());
            for (DeflateCases.Message message : messages) {
                ReceivedMessage reply = peer.nextMessage(TIMEOUT);
                assertThat(reply.type()).as("type of the echo of %s", message).isEqualTo(type);
                assertSameBytes(message.payload(), reply.payload());
            }
        }
    }

    /** An empty message between two others on one connection: its echo is empty and the message after it intact. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deflateTypes")
    void deflateEchoesAnEmptyMessageBetweenOthers(MessageType type) throws Exception {
        assumeTrue(clientDropsContextWhenAsked(), CONTEXT_KEPT);
        List<DeflateCases.Message> messages = DeflateCases.emptyBetweenOthers(type);
        try (InteropPeer peer = openDeflate(InteropEndpoints.ECHO)) {
            DeflateCases.sendAll(peer, messages, peer.events());
            for (DeflateCases.Message message : messages) {
                assertSameBytes(message.payload(), peer.nextMessage(TIMEOUT).payload());
            }
        }
    }

    /**
     * The same compressible text twice on one connection. A client that drops its context as our
     * server asked gets both back; one that keeps it refers the second message to the first, which
     * our server's fresh inflater cannot resolve (RFC 7692 §7.2.2): it fails the connection with
     * 1007 (RFC 6455 §7.4.1, data inconsistent with the message's type).
     */
    @Test
    void deflateRepeatedMessageShowsWhetherTheClientDropsItsContext() throws Exception {
        assumeTrue(deflateUnavailable().isEmpty(), () -> deflateUnavailable().orElseThrow());
        DeflateCases.Message message = DeflateCases.compressible(MessageType.TEXT, 4 * KIB);
        try (InteropPeer peer = openDeflate(InteropEndpoints.ECHO)) {
            DeflateCases.send(peer, message, 1);
            assertSameBytes(message.payload(), peer.nextMessage(TIMEOUT).payload());
            DeflateCases.send(peer, message, 1);
            if (clientDropsContextWhenAsked()) {
                assertSameBytes(message.payload(), peer.nextMessage(TIMEOUT).payload());
            } else {
                assertThat(peer.awaitClose(TIMEOUT).code()).as("close code of our server").isIn(codesSeenWhenOurServerFails(1007));
            }
        }
    }

    Stream<Arguments> deflateFragmentedCases() {
        return DeflateCases.types().flatMap(type -> Stream.of(EchoRoute.values())
                .filter(route -> route != EchoRoute.WHOLE).map(route -> Arguments.of(type, route)));
    }

    /**
     * Compressed messages in several frames (RFC 7692 §6.1: RSV1 on the first only), from the
     * client, from our server, or both, come back whole; two on one connection where the client
     * drops its context as asked. The reply's content is what counts, not its frame count. A
     * client that sets RSV1 on its continuation frames too has its connection failed by our
     * server with 1002.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("deflateFragmentedCases")
    void deflateEchoesFragmentedCompressedMessages(MessageType type, EchoRoute route) throws Exception {
        assumeTrue(route.clientParts() == 1 || clientSendsFragments(), "the client's API sends whole messages only");
        List<DeflateCases.Message> messages = List.of(DeflateCases.compressible(type, 64 * KIB + 1),
                new DeflateCases.Message(type, InteropPayloads.payload(type, 16 * KIB)));
        try (InteropPeer peer = openDeflate(route.path())) {
            if (route.clientParts() > 1 && !clientMarksOnlyTheFirstFrameCompressed()) {
                try {
                    DeflateCases.send(peer, messages.get(0), route.clientParts());
                } catch (Exception e) {
                    // Our server may have failed the connection before the last part went out.
                }
                CloseStatus close = peer.awaitClose(TIMEOUT);
                assertThat(close.code()).as("close code of our server (%s)", close).isIn(codesSeenWhenOurServerFails(1002));
                if (close.code() == 1002) {
                    assertThat(close.reason()).as("reason of our server's close").contains("RSV1");
                }
                return;
            }
            for (DeflateCases.Message message : clientDropsContextWhenAsked() ? messages : messages.subList(0, 1)) {
                DeflateCases.send(peer, message, route.clientParts());
                ReceivedMessage reply = peer.nextMessage(TIMEOUT);
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
        assumeTrue(deflateUnavailable().isEmpty(), () -> deflateUnavailable().orElseThrow());
        DeflateCases.Message message = DeflateCases.compressible(type, DeflateCases.WIRE_MESSAGE);
        try (CountingRelay relay = CountingRelay.to(deflateServer.port());
                InteropPeer peer = connectOfferingDeflate(scheme().uri(relay.port(), InteropEndpoints.ECHO))) {
            DeflateCases.send(peer, message, 1);
            assertSameBytes(message.payload(), peer.nextMessage(TIMEOUT).payload());
            assertThat(relay.bytesToServer()).as("bytes from the client").isLessThan(DeflateCases.WIRE_LIMIT);
            assertThat(relay.bytesToClient()).as("bytes from our server").isLessThan(DeflateCases.WIRE_LIMIT);
        }
    }

    private URI controlUri(String client) {
        return uri(InteropEndpoints.CONTROL + "?" + ServerCloses.CLIENT_PARAMETER + "=" + client);
    }
}
