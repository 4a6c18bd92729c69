package io.wssocket.server;

import static io.wssocket.server.PerMessageDeflateServerTest.compress;
import static io.wssocket.server.PerMessageDeflateServerTest.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.internal.ClientTransport;
import io.wssocket.client.internal.WsClientContainer;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.wire.ZlibPool;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permessage-deflate with context takeover (RFC 7692 §7.1.1), option deflate-context-takeover:
 * messages that refer to earlier ones both ways, the server-wide memory budget
 * (deflate-context-memory) with its fallback to no context takeover, and the budget and the kept
 * deflaters and inflaters given back when connections close.
 */
@Timeout(60)
class DeflateContextTakeoverTest {
    private static final String TAKEOVER_ANSWER = "permessage-deflate";
    private static final String RESET_ANSWER = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
    /** Room for one connection that keeps a deflater and an inflater. */
    private static final long ONE_CONNECTION = ZlibPool.keptContextBytes(true, true);
    private static final String MESSAGE = "{\"type\":\"ticker\",\"symbol\":\"ACME\",\"price\":\"101.25\",\"volume\":\"1200\"}";

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.permessageDeflate(true).deflateContextTakeover(true)
                    .deflateContextMemory(ONE_CONNECTION).deflateThreshold(16),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private static ZlibPool pool() {
        return server.server().deflatePool();
    }

    @AfterEach
    void everyConnectionGaveItsContextBack() {
        await().atMost(Duration.ofSeconds(10)).until(() -> pool().contextMemoryInUse() == 0 && pool().outstanding() == 0);
    }

    @Test
    void messagesReferToEarlierOnesBothWaysAndTheBudgetReturnsAtClose() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            assertThat(upgrade(ws, "/echo", "permessage-deflate").header("Sec-WebSocket-Extensions"))
                    .as("nothing offered, nothing answered: both sides may keep their context").isEqualTo(TAKEOVER_ANSWER);
            assertThat(pool().contextMemoryInUse()).isEqualTo(ONE_CONNECTION);
            Deflater clientDeflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            Inflater clientInflater = new Inflater(true);
            try {
                byte[] first = deflate(clientDeflater, MESSAGE);
                byte[] second = deflate(clientDeflater, MESSAGE);
                assertThat(second.length).as("the client's second message refers to its first").isLessThan(first.length / 2);
                ws.sendFrame(true, 4, RawWebSocket.TEXT, first, true);
                ws.sendFrame(true, 4, RawWebSocket.TEXT, second, true);
                RawWebSocket.Frame echo1 = ws.readFrameWithRsv();
                RawWebSocket.Frame echo2 = ws.readFrameWithRsv();
                assertThat(echo1.rsv()).isEqualTo(4);
                assertThat(echo2.rsv()).isEqualTo(4);
                assertThat(echo2.payload().length).as("the server's second echo refers to its first")
                        .isLessThan(echo1.payload().length / 2);
                assertThatThrownBy(() -> PerMessageDeflateServerTest.inflate(echo2.payload()))
                        .as("alone, the second echo cannot be inflated").isInstanceOf(DataFormatException.class);
                assertThat(inflate(clientInflater, echo1.payload())).isEqualTo(MESSAGE);
                assertThat(inflate(clientInflater, echo2.payload())).isEqualTo(MESSAGE);
            } finally {
                clientDeflater.end();
                clientInflater.end();
            }
            assertThat(pool().outstanding()).as("the connection keeps one deflater and one inflater").isEqualTo(2);
            ws.sendClose(1000, "");
            assertThat(ws.readCloseFrame().code()).isEqualTo(1000);
        }
    }

    @Test
    void aConnectionBeyondTheBudgetFallsBackToNoContextTakeover() throws Exception {
        try (RawWebSocket first = RawWebSocket.connect(server.port())) {
            assertThat(upgrade(first, "/echo", "permessage-deflate").header("Sec-WebSocket-Extensions"))
                    .isEqualTo(TAKEOVER_ANSWER);
            try (RawWebSocket second = RawWebSocket.connect(server.port())) {
                assertThat(upgrade(second, "/echo", "permessage-deflate").header("Sec-WebSocket-Extensions"))
                        .as("the budget holds one connection's context").isEqualTo(RESET_ANSWER);
                second.sendFrame(true, 4, RawWebSocket.TEXT, compress(MESSAGE.getBytes(StandardCharsets.UTF_8)), true);
                RawWebSocket.Frame echo = second.readFrameWithRsv();
                assertThat(new String(PerMessageDeflateServerTest.inflate(echo.payload()), StandardCharsets.UTF_8))
                        .isEqualTo(MESSAGE);
                assertThat(pool().contextMemoryInUse()).isEqualTo(ONE_CONNECTION);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool().contextMemoryInUse() == 0);
        try (RawWebSocket third = RawWebSocket.connect(server.port())) {
            assertThat(upgrade(third, "/echo", "permessage-deflate").header("Sec-WebSocket-Extensions"))
                    .as("the first connection's budget came back when it closed").isEqualTo(TAKEOVER_ANSWER);
        }
    }

    @Test
    void aClientThatPromisesToResetCostsOnlyTheServersDeflater() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            assertThat(upgrade(ws, "/echo", "permessage-deflate; client_no_context_takeover")
                    .header("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate; client_no_context_takeover");
            assertThat(pool().contextMemoryInUse()).isEqualTo(ZlibPool.KEPT_DEFLATER_BYTES);
        }
    }

    @Test
    void wsSocketsOwnClientKeepsItsContextToo() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(8);
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().permessageDeflateOffer(true).deflateContextTakeover(true)
                .deflateThreshold(16).build(), ClientTransport.shared())) {
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                }
            }, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
            assertThat(session.getNegotiatedExtensions()).singleElement()
                    .satisfies(e -> assertThat(e.getParameters()).as("no context reset asked either way").isEmpty());
            assertThat(pool().contextMemoryInUse()).as("the server keeps an inflater for the client").isEqualTo(ONE_CONNECTION);
            for (int i = 0; i < 5; i++) {
                session.getBasicRemote().sendText(MESSAGE + i);
            }
            try (java.io.Writer w = session.getBasicRemote().getSendWriter()) {
                w.write(MESSAGE);
                w.flush();
                w.write(MESSAGE);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(MESSAGE + i);
            }
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(MESSAGE + MESSAGE);
            session.close();
        }
    }

    private static String inflate(Inflater i, byte[] compressed) throws DataFormatException {
        return new String(PerMessageDeflateServerTest.inflate(i, compressed), StandardCharsets.UTF_8);
    }

    private static byte[] deflate(Deflater d, String text) {
        d.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[1024];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(out, n - 4); // RFC 7692 §7.2.1: without the 00 00 ff ff tail
    }
}
