package io.wssocket.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.WebSocketClient;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reconnection of our client container: after the server's 1001, 1012 or 1013 and after a dropped
 * connection the same endpoint instance gets a new session; a close the application asked for
 * never reconnects; attempts stop at their bound.
 */
@Timeout(90)
class ClientReconnectTest {
    /** A server endpoint that closes its session with the code a client sends as text. */
    public static final class CloseOnRequest extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, code -> {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(code)), "asked"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(CloseOnRequest.class, "/close").build()));

    /** Records its sessions and what closed them. */
    static final class Recorder extends Endpoint {
        final List<Session> opened = new CopyOnWriteArrayList<>();
        final List<Integer> closed = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.add(reason.getCloseCode().getCode());
        }
    }

    private static ClientConfig.Builder fastReconnect() {
        return ClientConfig.defaults().clientReconnectDelayMillis(50).clientReconnectMaxDelayMillis(400);
    }

    @Test
    void theServersGoingAwayOrRestartBringsANewSessionToTheSameEndpoint() throws Exception {
        try (WebSocketClient client = WebSocketClient.create(fastReconnect().clientReconnect(true).build())) {
            Recorder endpoint = new Recorder();
            Session first = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), server.uri("/close"));
            int expected = 1;
            for (int code : new int[] {1001, 1012, 1013}) {
                endpoint.opened.get(expected - 1).getBasicRemote().sendText(Integer.toString(code));
                expected++;
                int sessions = expected;
                await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.opened.size() == sessions);
            }
            assertThat(endpoint.closed).containsExactly(1001, 1012, 1013);
            Session last = endpoint.opened.get(3);
            assertThat(last).isNotSameAs(first);
            assertThat(last.isOpen()).isTrue();
            assertThat(last.getId()).isNotEqualTo(first.getId());
        }
    }

    @Test
    void anEndpointsUserPropertyTurnsReconnectionOnAndANormalCloseDoesNotReconnect() throws Exception {
        try (WebSocketClient client = WebSocketClient.create(fastReconnect().build())) {
            Recorder endpoint = new Recorder();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientConfig.RECONNECT_PROPERTY, "true");
            client.connectToServer(endpoint, config, server.uri("/close"));
            endpoint.opened.get(0).getBasicRemote().sendText("1001");
            await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.opened.size() == 2);

            endpoint.opened.get(1).getBasicRemote().sendText("1000");
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.closed.size() == 2);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> endpoint.opened.size() == 2);
        }
    }

    /** A programmatic client endpoint connected by class: counts its instances. */
    public static final class Counted extends Endpoint {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        static final List<Session> OPENED = new CopyOnWriteArrayList<>();

        public Counted() {
            INSTANCES.incrementAndGet();
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            OPENED.add(session);
        }
    }

    @Test
    void anEndpointConnectedByClassGetsANewInstanceForEachReconnection() throws Exception {
        try (WebSocketClient client = WebSocketClient.create(fastReconnect().clientReconnect(true).build())) {
            client.connectToServer(Counted.class, ClientEndpointConfig.Builder.create().build(), server.uri("/close"));
            Counted.OPENED.get(0).getBasicRemote().sendText("1001");
            await().atMost(Duration.ofSeconds(20)).until(() -> Counted.OPENED.size() == 2);
            assertThat(Counted.INSTANCES).hasValue(2);
        }
    }

    @Test
    void aCloseTheApplicationAsksForNeverReconnects() throws Exception {
        try (WebSocketClient client = WebSocketClient.create(fastReconnect().clientReconnect(true).build())) {
            Recorder endpoint = new Recorder();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), server.uri("/close"));
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "leaving"));
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.closed.size() == 1);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> endpoint.opened.size() == 1);
        }
    }

    @Test
    void aDroppedConnectionReconnectsAndAttemptsStopAtTheirBound() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             WebSocketClient client = WebSocketClient.create(fastReconnect().clientReconnect(true)
                     .clientReconnectAttempts(3).build())) {
            Recorder endpoint = new Recorder();
            Thread peer = new Thread(() -> serve(listener, accepted));
            peer.setDaemon(true);
            peer.start();
            client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    java.net.URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/drop"));
            // The peer drops the first connection without a close frame (1006); the first attempt opens a
            // session that it drops again at once. That session lived less than client-reconnect-max-delay,
            // so its reconnection goes on counting: attempts 2 and 3 are refused, and then no more come.
            await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.opened.size() == 2 && endpoint.closed.size() == 2);
            assertThat(endpoint.closed).containsOnly(1006);
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.get() == 4);
            await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(5)).until(() -> accepted.get() == 4);
        }
    }

    /** What a {@link io.wssocket.client.ReconnectListener} was told. */
    record GaveUp(java.net.URI uri, int attempts, Exception cause) {
    }

    @Test
    void afterItsAttemptsAgainstADeadPortTheListenerIsToldOnceWithTheCauseAndNoAttemptFollows() throws Exception {
        List<GaveUp> told = new CopyOnWriteArrayList<>();
        java.net.URI uri;
        int port;
        try (WebSocketClient client = WebSocketClient.create(fastReconnect().clientReconnect(true)
                .clientReconnectAttempts(3).build())) {
            Recorder endpoint = new Recorder();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientConfig.RECONNECT_LISTENER_PROPERTY,
                    (io.wssocket.client.ReconnectListener) (target, attempts, cause) -> told.add(new GaveUp(target, attempts, cause)));
            try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                port = listener.getLocalPort();
                uri = java.net.URI.create("ws://127.0.0.1:" + port + "/gone");
                Thread peer = new Thread(() -> {
                    try {
                        RawWebSocket.acceptClient(listener).close(); // dropped: 1006, reconnection starts
                    } catch (IOException e) {
                        // the test fails on its own
                    }
                });
                peer.setDaemon(true);
                peer.start();
                client.connectToServer(endpoint, config, uri);
                peer.join(10_000);
            } // the port is dead from here: every attempt is refused

            await().atMost(Duration.ofSeconds(30)).until(() -> told.size() == 1);
            GaveUp gaveUp = told.get(0);
            assertThat(gaveUp.uri()).isEqualTo(uri);
            assertThat(gaveUp.attempts()).isEqualTo(3);
            assertThat(gaveUp.cause()).isInstanceOf(IOException.class).hasMessageContaining("cannot connect to /127.0.0.1:" + port);
            assertThat(endpoint.closed).containsExactly(1006);

            // Listening on the port again: no further attempt arrives, and the listener is not told again.
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                again.setSoTimeout(1_500); // well past the 400 ms largest wait between attempts
                assertThat(acceptsWithinTimeout(again)).as("a connection after giving up").isFalse();
            }
            assertThat(told).hasSize(1);
            assertThat(endpoint.opened).hasSize(1);
        }
    }

    @Test
    void aReconnectListenerPropertyOfAnotherTypeFailsTheConnectionAndSaysWhy() throws Exception {
        try (WebSocketClient client = WebSocketClient.create(fastReconnect().clientReconnect(true).build())) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientConfig.RECONNECT_LISTENER_PROPERTY, "not a listener");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> client.connectToServer(new Recorder(), config, server.uri("/close")))
                    .isInstanceOf(jakarta.websocket.DeploymentException.class)
                    .hasMessageContaining(ClientConfig.RECONNECT_LISTENER_PROPERTY)
                    .hasMessageContaining("ReconnectListener");
        }
    }

    private static boolean acceptsWithinTimeout(ServerSocket listener) throws IOException {
        try (Socket socket = listener.accept()) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /** Accepts and upgrades the first two connections and drops each at once; refuses the rest with 503. */
    private static void serve(ServerSocket listener, AtomicInteger accepted) {
        try {
            while (true) {
                if (accepted.get() < 2) {
                    RawWebSocket ws = RawWebSocket.acceptClient(listener);
                    accepted.incrementAndGet();
                    Thread.sleep(100);
                    ws.close(); // no close frame: the client sees the connection drop
                } else {
                    try (Socket socket = listener.accept()) {
                        accepted.incrementAndGet();
                        socket.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the listener closed: the test is over
        }
    }

}
