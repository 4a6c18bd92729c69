package io.wssocket.samples.ticker;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deploys the compiled sample the way the bootstrap main does and subscribes to it. */
@Timeout(60)
class TickerApplicationTest {
    private static final int CLIENTS = 200;
    private static final int TICKS = 5;

    private static WebSocketServer server;
    private static Application application;

    @BeforeAll
    static void deploy() throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2).build());
        application = Application.deploy(Path.of("target/classes"), server.container(), TickerApplicationTest.class.getClassLoader());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        application.close();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static TickClient subscribe(String pathAndQuery) throws Exception {
        return TickClient.connect(server.container(), uri(pathAndQuery));
    }

    @Test
    void scanningFindsTheTickerEndpoint() {
        assertThat(application.paths()).containsExactly("/ticker");
    }

    @Test
    void twoHundredSubscribersEachGetTicksInIncreasingSequence() throws Exception {
        List<TickClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(subscribe("/ticker"));
            }
            for (TickClient client : clients) {
                long previous = 0;
                for (int i = 0; i < TICKS; i++) {
                    String tick = client.next(10);
                    long seq = TickClient.sequence(tick);
                    assertThat(seq).as("sequence of %s", tick).isGreaterThan(previous);
                    assertThat(tick).contains(Symbols.ALL.stream().map(s -> "\"" + s + "\":").toArray(String[]::new));
                    previous = seq;
                }
            }
        } finally {
            for (TickClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotStopOthers() throws Exception {
        try (RawWebSocket stalled = RawWebSocket.connectWithReceiveBuffer(server.port(), 1024)) {
            stalled.handshake("/ticker"); // and never reads again
            TickClient reader = subscribe("/ticker?symbols=ACME");
            try {
                long last = TickClient.sequence(reader.next(10));
                // For two seconds ticks keep arriving, in order; at most a few are skipped if the
                // reader itself is slow for a moment.
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                int received = 0;
                while (System.nanoTime() - end < 0) {
                    long seq = TickClient.sequence(reader.next(2));
                    assertThat(seq).isGreaterThan(last);
                    last = seq;
                    received++;
                }
                assertThat(received).isGreaterThanOrEqualTo((int) (2000 / TickerEndpoint.PERIOD_MILLIS / 2));
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void aFilterChoosesTheSymbols() throws Exception {
        TickClient client = subscribe("/ticker?symbols=HOOLI,ACME");
        try {
            assertThat(client.next(10)).matches("\\{\"seq\":\\d+,\"time\":\\d+,\"prices\":\\{\"HOOLI\":[0-9.]+,\"ACME\":[0-9.]+}}");
        } finally {
            client.close();
        }
    }

    @Test
    void aBadFilterIsAPolicyViolation() throws Exception {
        for (String query : List.of("?symbols=NOPE", "?symbols=", "?symbols=ACME&symbols=HOOLI")) {
            TickClient client = subscribe("/ticker" + query);
            CloseReason reason = client.closed.get(5, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).as(query).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
            assertThat(reason.getReasonPhrase()).as(query).isNotBlank();
            assertThat(client.ticks).isEmpty();
        }
    }

    @Test
    void thePageIsServedFromTheSameJar() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("new WebSocket(");
    }
}
