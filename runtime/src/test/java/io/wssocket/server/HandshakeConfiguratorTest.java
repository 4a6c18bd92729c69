package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.handshake.JakartaExtension;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the endpoint's Configurator is given during the opening handshake, and what reaches the session. */
@Timeout(30)
class HandshakeConfiguratorTest {

    static final AtomicReference<String> requested = new AtomicReference<>();
    static final AtomicReference<String> installed = new AtomicReference<>();

    /** Records the extension offers, accepts every offer, and records the handshake's parameters. */
    public static class Recording extends ServerEndpointConfig.Configurator {
        private static final AtomicInteger connections = new AtomicInteger();

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installedExtensions, List<Extension> offers) {
            requested.set(describe(offers));
            installed.set(describe(installedExtensions));
            return offers; // not implemented by the container: must not be agreed
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            Map<String, Object> properties = sec.getUserProperties();
            properties.put("seen before", String.valueOf(properties.containsKey("connection")));
            properties.put("connection", connections.incrementAndGet());
            properties.put("parameters", String.valueOf(request.getParameterMap()));
        }

        private static String describe(List<Extension> extensions) {
            return extensions.stream()
                    .map(e -> e.getName() + e.getParameters().stream().map(p -> ";" + p.getName() + "=" + p.getValue())
                            .collect(Collectors.joining()))
                    .collect(Collectors.joining(", "));
        }
    }

    /** Reports what the session knows. */
    public static class Reporting extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            Map<String, Object> p = session.getUserProperties();
            try {
                session.getBasicRemote().sendText("parameters " + p.get("parameters") + " seen before " + p.get("seen before")
                        + " path " + session.getPathParameters() + " extensions " + session.getNegotiatedExtensions());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> c.addEndpoint(
            ServerEndpointConfig.Builder.create(Reporting.class, "/h/{zeta}/{alpha}/{mu}")
                    .configurator(new Recording())
                    .extensions(List.of(new JakartaExtension("x-installed", List.of())))
                    .build()));

    private static String firstMessage(String path) throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri(path))) {
            return (String) client.next(5);
        }
    }

    @Test
    void getParameterMapHasThePathVariablesAndTheQueryParameters() throws Exception {
        // Jakarta WebSocket 2.2 HandshakeRequest.getParameterMap: path template variables and query parameters
        assertThat(firstMessage("/h/z/a/m?q=1&q=2&alpha=3"))
                .startsWith("parameters {zeta=[z], alpha=[a, 3], mu=[m], q=[1, 2]} ");
    }

    @Test
    void pathParametersKeepTheTemplatesOrder() throws Exception {
        assertThat(firstMessage("/h/1/2/3")).contains(" path {zeta=1, alpha=2, mu=3} ");
    }

    @Test
    void eachConnectionGetsItsOwnCopyOfTheUserProperties() throws Exception {
        // What modifyHandshake puts in the configuration's user properties reaches this session only.
        assertThat(firstMessage("/h/1/2/3")).contains(" seen before false ");
        assertThat(firstMessage("/h/1/2/3")).contains(" seen before false ");
    }

    @Test
    void theConfiguratorSeesTheOffersInOrderAndNoUnimplementedExtensionIsAgreed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String key = RawWebSocket.newKey();
            String request = RawWebSocket.upgradeRequest("/h/1/2/3", key).replace("\r\n\r\n",
                    "\r\nSec-WebSocket-Extensions: x-first; a=1; b, x-second\r\n"
                            + "Sec-WebSocket-Extensions: x-installed; c=\"q\"\r\n\r\n");
            ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
            RawWebSocket.HttpResponse response = ws.readHttpHead();
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Extensions")).isNull();
            assertThat(ws.readFrame().text()).endsWith(" extensions []");
        }
        assertThat(requested.get()).isEqualTo("x-first;a=1;b=null, x-second, x-installed;c=q");
        // The container's own permessage-deflate (on by default) follows the endpoint's extensions.
        assertThat(installed.get()).isEqualTo("x-installed, permessage-deflate");
    }
}
