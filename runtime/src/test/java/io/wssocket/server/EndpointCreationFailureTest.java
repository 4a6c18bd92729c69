package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An endpoint whose constructor (or whose configurator's getEndpointInstance) throws fails every
 * handshake the same way: the operator gets the trace once per endpoint class at WARNING, the
 * later failures at DEBUG and counted with the refused handshakes; each client gets a 500, the
 * endpoint instance being made before the 101 is sent.
 */
@Timeout(60)
class EndpointCreationFailureTest {
    private CapturedLog log;
    private WebSocketServer server;

    public static final class ThrowingConstructor extends Endpoint {
        public ThrowingConstructor() {
            throw new IllegalStateException("no database");
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static final class Plain extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static final class ThrowingConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            throw new InstantiationException("no instance of " + endpointClass.getSimpleName() + " today");
        }
    }

    @BeforeEach
    void start() throws Exception {
        log = CapturedLog.start(OperatorLog.class, Level.ALL);
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(ThrowingConstructor.class, "/constructor").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Plain.class, "/configurator")
                .configurator(new ThrowingConfigurator()).build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        log.close();
    }

    @Test
    void theTraceIsLoggedOncePerEndpointClassAndEveryClientGetsA500() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(handshakeStatus("/constructor")).isEqualTo(500);
            assertThat(handshakeStatus("/configurator")).isEqualTo(500);
        }
        server.close(); // flushes the refused-handshake counts

        List<LogRecord> warnings = log.at(Level.WARNING);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).getMessage()).startsWith("cannot open endpoint " + ThrowingConstructor.class.getName())
                .contains("no database").contains("logged once for this endpoint");
        assertThat(warnings.get(0).getThrown()).isNotNull();
        assertThat(warnings.get(1).getMessage()).startsWith("cannot open endpoint " + Plain.class.getName())
                .contains("no instance of Plain today");
        assertThat(warnings.get(1).getThrown()).isInstanceOf(InstantiationException.class);

        List<LogRecord> later = log.at(Level.FINE);
        assertThat(later).as("the later failures, at DEBUG").hasSize(4)
                .allSatisfy(r -> assertThat(r.getMessage()).startsWith("cannot open endpoint "));

        long refused500 = log.messages(Level.INFO, "refused handshakes").stream().filter(m -> m.contains("500"))
                .mapToLong(CapturedLog::eventsIn).sum();
        assertThat(refused500).as("every failure counted with the refused handshakes").isEqualTo(6);
    }

    private int handshakeStatus(String path) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest(path, RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            return ws.readHttpHead().status();
        }
    }
}
