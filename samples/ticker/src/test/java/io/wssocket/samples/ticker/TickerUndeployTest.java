package io.wssocket.samples.ticker;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Undeploying closes the subscribers with 1001, and the ticker's thread goes with the last of them. */
@Timeout(30)
class TickerUndeployTest {

    /** A copy of the compiled sample under its own name, so its ticker thread is told from other tests' ones. */
    @TempDir
    Path tmp;

    private static boolean tickerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ticker app:ticker-undeploy") && t.isAlive());
    }

    private Path copyOfTheSample() throws IOException {
        Path from = Path.of("target/classes");
        Path to = tmp.resolve("ticker-undeploy");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }

    @Test
    void undeployingStopsTheScheduler() throws Exception {
        try (WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build())) {
            Application application = Application.deploy(copyOfTheSample(), server.container(),
                    TickerUndeployTest.class.getClassLoader());
            server.start();
            assertThat(tickerThreadAlive()).as("started lazily, by the first subscriber").isFalse();
            TickClient client = TickClient.connect(server.container(), URI.create("ws://127.0.0.1:" + server.port() + "/ticker"));
            client.next(10);
            assertThat(tickerThreadAlive()).isTrue();

            application.close();

            assertThat(client.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (tickerThreadAlive() && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
            assertThat(tickerThreadAlive()).as("the scheduler stopped with the last subscriber").isFalse();
        }
    }
}
