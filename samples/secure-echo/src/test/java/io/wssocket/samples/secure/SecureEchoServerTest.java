package io.wssocket.samples.secure;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secure echo sample over wss:// (a certificate made for the test), with tokens in a cookie or
 * a subprotocol; 401 without a token, 403 with a wrong one; and no token in any log line, with
 * every logger of the runtime at its finest level.
 */
class SecureEchoServerTest {
    private static final String ANN_TOKEN = "ann-7f3a9c2e5b1d4f60a8c3";
    private static final String WRONG_TOKEN = "nobody-0000000000000000";
    private static final List<String> LOGGED = new ArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (LOGGED) {
                LOGGED.add(record.getMessage() + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static WebSocketServer server;
    private static HttpClient http;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Logger runtime = Logger.getLogger("io.wssocket");
        runtime.setLevel(Level.ALL);
        runtime.addHandler(CAPTURE);
        Path tokens = dir.resolve("tokens.properties");
        Files.writeString(tokens, "ann=" + ANN_TOKEN + ",admin\n");
        server = SecureEchoServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .tlsKeystore(TestCertificates.localhost().keystore().toString())
                .tlsKeystorePassword(TestCertificates.PASSWORD), Tokens.load(tokens));
        http = HttpClient.newBuilder().sslContext(trustingTestCertificate()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        Logger.getLogger("io.wssocket").removeHandler(CAPTURE);
    }

    private static SSLContext trustingTestCertificate() throws Exception {
        return TestCertificates.localhost().clientContext();
    }

    private static URI uri() {
        return URI.create("wss://localhost:" + server.port() + "/secure-echo");
    }

    /** Connects with the given builder settings and returns the echo of "hi". */
    private static String echo(WebSocket.Builder builder) throws Exception {
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);
        WebSocket ws = builder.buildAsync(uri(), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                replies.add(data.toString());
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("hi", true).get(5, TimeUnit.SECONDS);
        String reply = replies.poll(5, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        return reply + " [" + ws.getSubprotocol() + "]";
    }

    private static int refusal(WebSocket.Builder builder) throws InterruptedException {
        try {
            builder.buildAsync(uri(), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            throw new AssertionError("the handshake was accepted");
        } catch (ExecutionException | CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTokenInTheSessionCookieLetsTheUserIn() throws Exception {
        assertThat(echo(http.newWebSocketBuilder().header("Cookie", "theme=dark; session=" + ANN_TOKEN)))
                .isEqualTo("ann: hi []");
    }

    @Test
    void aTokenOfferedAsSubprotocolLetsTheUserInAndIsNeverSelected() throws Exception {
        assertThat(echo(http.newWebSocketBuilder().subprotocols("echo.v1", "bearer." + ANN_TOKEN)))
                .isEqualTo("ann: hi [echo.v1]");
    }

    @Test
    void noTokenIs401AndAWrongOneIs403() throws Exception {
        assertThat(refusal(http.newWebSocketBuilder())).isEqualTo(401);
        assertThat(refusal(http.newWebSocketBuilder().header("Cookie", "session=" + WRONG_TOKEN))).isEqualTo(403);
        assertThat(refusal(http.newWebSocketBuilder().subprotocols("echo.v1", "bearer." + WRONG_TOKEN))).isEqualTo(403);
    }

    /**
     * Cross-site WebSocket hijacking (RFC 6455 §10.2): a page of another site opens a WebSocket to
     * us and the browser attaches the visitor's session cookie. The server's default origin policy
     * (same origin) refuses it although the cookie is valid; the site's own page gets in.
     */
    @Test
    void anEvilOriginsPageWithAValidSessionCookieIsRefusedWith403() throws Exception {
        WebSocket.Builder evilPage = http.newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .header("Cookie", "session=" + ANN_TOKEN);
        assertThat(refusal(evilPage)).isEqualTo(403);
        WebSocket.Builder lookAlike = http.newWebSocketBuilder()
                .header("Origin", "https://localhost." + "evil.example:" + server.port())
                .header("Cookie", "session=" + ANN_TOKEN);
        assertThat(refusal(lookAlike)).isEqualTo(403);
    }

    @Test
    void theSitesOwnPageWithTheSessionCookieGetsIn() throws Exception {
        WebSocket.Builder ownPage = http.newWebSocketBuilder()
                .header("Origin", "https://localhost:" + server.port())
                .header("Cookie", "session=" + ANN_TOKEN);
        assertThat(echo(ownPage)).isEqualTo("ann: hi []");
    }

    @Test
    void noTokenIsEverLogged() throws Exception {
        echo(http.newWebSocketBuilder().header("Cookie", "session=" + ANN_TOKEN));
        refusal(http.newWebSocketBuilder().header("Cookie", "session=" + WRONG_TOKEN));
        synchronized (LOGGED) {
            assertThat(LOGGED).as("log lines of the runtime at its finest level").isNotEmpty();
            assertThat(String.join("\n", LOGGED)).doesNotContain(ANN_TOKEN).doesNotContain(WRONG_TOKEN);
        }
    }
}
