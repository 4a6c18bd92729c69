package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.internal.ClientTransport;
import io.wssocket.client.internal.WsClientContainer;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.wire.DeflateTestData;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permessage-deflate (RFC 7692) end to end: the server's answer to offers on the wire, compressed
 * messages both ways, limits on inflated bytes, RSV1 misuse, what the session reports, WS Socket's
 * own client against it, and no deflater or inflater held once messages are done.
 */
@Timeout(60)
class PerMessageDeflateServerTest {
    private static final String ANSWER = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

    /** Tells the client the session's negotiated extensions, then echoes. */
    public static class ReportsExtensions extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                session.getBasicRemote().sendText(describe(session));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String describe(Session session) {
        return session.getNegotiatedExtensions().stream().map(e -> e.getName() + e.getParameters().stream()
                .map(p -> p.getName() + (p.getValue() == null ? "" : "=" + p.getValue()))
                .collect(Collectors.joining(",", "[", "]"))).collect(Collectors.joining(";"));
    }

    private static void deploy(jakarta.websocket.server.ServerContainer c) throws jakarta.websocket.DeploymentException {
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(ReportsExtensions.class, "/ext").build());
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.option("permessage-deflate", "true")
            .option("deflate-threshold", "64").option("max-message-size", "1048576"), PerMessageDeflateServerTest::deploy);

    /** The option off: RSV1 means nothing there. */
    @RegisterExtension
    static final RunningServer plain = RunningServer.with(b -> b.permessageDeflate(false), PerMessageDeflateServerTest::deploy);

    static RawWebSocket.HttpResponse upgrade(RawWebSocket ws, String path, String offer) throws IOException {
        String request = RawWebSocket.upgradeRequest(path, RawWebSocket.newKey());
        if (offer != null) {
            request = request.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: " + offer + "\r\n\r\n");
        }
        ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
        RawWebSocket.HttpResponse response = ws.readHttpHead();
        assertThat(response.status()).isEqualTo(101);
        return response;
    }

    private static String answerTo(String offer) throws IOException, DataFormatException {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String header = upgrade(ws, "/ext", offer).header("Sec-WebSocket-Extensions");
            RawWebSocket.Frame frame = ws.readFrameWithRsv();
            String reported = frame.rsv() == 4 ? new String(inflate(frame.payload()), StandardCharsets.UTF_8) : frame.text();
            assertThat(reported).as("what the session reports matches the header")
                    .isEqualTo(header == null ? "" : header.replace("; ", ",").replaceFirst(",", "[") + "]");
            return header;
        }
    }

    @Test
    void theServerAnswersTheFirstAcceptableOfferAndDeclinesInvalidOnes() throws Exception {
        assertThat(answerTo("permessage-deflate; client_max_window_bits")).isEqualTo(ANSWER);
        assertThat(answerTo("permessage-deflate; foo, permessage-deflate")).isEqualTo(ANSWER);
        assertThat(answerTo("permessage-deflate; server_max_window_bits=10")).isEqualTo(ANSWER + "; server_max_window_bits=10");
        assertThat(answerTo("permessage-deflate; foo")).isNull();
        assertThat(answerTo("permessage-deflate; server_max_window_bits=7")).isNull();
        assertThat(answerTo(null)).isNull();
    }

    @Test
    void withTheOptionOffTheServerDeclinesAndRsv1FailsWith1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(plain.port())) {
            assertThat(upgrade(ws, "/echo", "permessage-deflate").header("Sec-WebSocket-Extensions")).isNull();
            ws.sendFrame(true, 4, RawWebSocket.TEXT, compress("hello".getBytes(StandardCharsets.UTF_8)), true);
            assertThat(ws.readCloseFrame().code()).isEqualTo(1002);
        }
    }

    @Test
    void fragmentedCompressedMessagesRoundTripAndNothingIsHeldAfterwards() throws Exception {
        String text = "compress me, ".repeat(300);
        byte[] compressed = compress(text.getBytes(StandardCharsets.UTF_8));
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            upgrade(ws, "/echo", "permessage-deflate");
            int third = compressed.length / 3;
            ws.sendFrame(false, 4, RawWebSocket.TEXT, Arrays.copyOfRange(compressed, 0, third), true);
            ws.sendFrame(true, 0, RawWebSocket.PING, new byte[] {1}, true); // control frames between fragments: uncompressed
            ws.sendFrame(false, 0, RawWebSocket.CONTINUATION, Arrays.copyOfRange(compressed, third, 2 * third), true);
            ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, Arrays.copyOfRange(compressed, 2 * third, compressed.length), true);
            RawWebSocket.Frame pong = ws.readFrameWithRsv();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.rsv()).isZero();
            RawWebSocket.Frame echo = ws.readFrameWithRsv();
            assertThat(echo.rsv()).as("RSV1: the echo is compressed").isEqualTo(4);
            assertThat(new String(inflate(echo.payload()), StandardCharsets.UTF_8)).isEqualTo(text);

            ws.sendFrame(true, 0, RawWebSocket.TEXT, "short".getBytes(StandardCharsets.UTF_8), true);
            RawWebSocket.Frame small = ws.readFrameWithRsv();
            assertThat(small.rsv()).as("below deflate-threshold: sent uncompressed").isZero();
            assertThat(small.text()).isEqualTo("short");
            assertThat(server.server().deflatePool().outstanding()).as("deflaters and inflaters held by an idle connection")
                    .isZero();
            assertThat(server.server().deflatePool().borrowCount()).isPositive();
        }
    }

    @Test
    void aLargeMessageThatDoesNotCompressIsEchoedUncompressed() throws Exception {
        byte[] random = new byte[512 * 1024];
        new java.util.Random(11).nextBytes(random);
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            upgrade(ws, "/echo", "permessage-deflate");
            ws.sendFrame(true, 4, RawWebSocket.BINARY, compress(random), true);
            RawWebSocket.Frame echo = ws.readFrameWithRsv();
            assertThat(echo.rsv()).as("RSV1 clear: sent as it is (RFC 7692 §6.1)").isZero();
            assertThat(echo.payload()).isEqualTo(random);
        }
    }

    @Test
    void aCompressionBombIsClosedWith1009() throws Exception {
        byte[] bomb = compress(new byte[64 << 20]); // 64 MiB of zeros in about 64 KiB; the limit is 1 MiB
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            upgrade(ws, "/echo", "permessage-deflate");
            ws.sendFrame(true, 4, RawWebSocket.BINARY, bomb, true);
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
    }

    @Test
    void rsv1OnAContinuationOrControlFrameFailsWith1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            upgrade(ws, "/echo", "permessage-deflate");
            ws.sendFrame(false, 4, RawWebSocket.TEXT, new byte[0], true);
            ws.sendFrame(true, 4, RawWebSocket.CONTINUATION, compress("x".getBytes(StandardCharsets.UTF_8)), true);
            assertThat(ws.readCloseFrame().code()).isEqualTo(1002);
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            upgrade(ws, "/echo", "permessage-deflate");
            ws.sendFrame(true, 4, RawWebSocket.PING, new byte[0], true);
            assertThat(ws.readCloseFrame().code()).isEqualTo(1002);
        }
    }

    @Test
    void wsSocketsOwnClientNegotiatesWhenItsEndpointListsTheInstalledExtensionAndEchoesCompressed() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().build(), ClientTransport.shared())) {
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                }
            }, ClientEndpointConfig.Builder.create().extensions(List.copyOf(client.getInstalledExtensions())).build(),
                    server.uri("/echo"));
            assertThat(session.getNegotiatedExtensions()).extracting(Extension::getName).containsExactly("permessage-deflate");
            String big = "round trip ".repeat(2000);
            session.getBasicRemote().sendText(big);
            session.getBasicRemote().sendText("tiny");
            try (java.io.Writer w = session.getBasicRemote().getSendWriter()) {
                w.write("streamed, ".repeat(500));
                w.flush();
                w.write("end");
            }
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(big);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("tiny");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("streamed, ".repeat(500) + "end");
            session.close();
        }
    }

    /** RFC 7692 §7.2.1: a sync flush without its 00 00 ff ff tail. */
    static byte[] compress(byte[] data) {
        return DeflateTestData.compress(data, false);
    }

    static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater i = new Inflater(true);
        try {
            return inflate(i, compressed);
        } finally {
            i.end();
        }
    }

    /** One message's payload inflated with {@code i}, which may hold the context of earlier ones. */
    static byte[] inflate(Inflater i, byte[] compressed) throws DataFormatException {
        byte[] withTail = Arrays.copyOf(compressed, compressed.length + 4);
        withTail[withTail.length - 2] = (byte) 0xFF;
        withTail[withTail.length - 1] = (byte) 0xFF;
        i.setInput(withTail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = i.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
