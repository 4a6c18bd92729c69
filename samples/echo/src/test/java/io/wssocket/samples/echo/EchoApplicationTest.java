package io.wssocket.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deploys the compiled sample the way the bootstrap main does, and talks to it. */
class EchoApplicationTest {
    private static WebSocketServer server;
    private static Application application;

    @BeforeAll
    static void deploy() throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).build());
        application = Application.deploy(Path.of("target/classes"), server.container(), EchoApplicationTest.class.getClassLoader());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        application.close();
    }

    @Test
    void scanningFindsTheEchoEndpoint() {
        assertThat(application.paths()).containsExactly(EchoApplication.PATH);
    }

    @Test
    void echoesTextAndBinary() throws Exception {
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + EchoApplication.PATH), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        received.add(bytes);
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("grüß dich", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("grüß dich");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new byte[] {1, 2, 3});
        CompletableFuture<WebSocket> closed = ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        closed.get(5, TimeUnit.SECONDS);
    }
}
