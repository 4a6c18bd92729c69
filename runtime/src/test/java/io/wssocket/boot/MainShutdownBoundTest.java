package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.test.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap stops (server closed, applications undeployed) within shutdown-timeout plus its
 * grace even when no peer answers the close. The bound is generous for a loaded machine but far
 * below the close-timeout the silent peers would otherwise hold the server for.
 */
@Timeout(60)
class MainShutdownBoundTest {
    @TempDir
    Path tmp;

    @Test
    void stoppingWithPeersThatNeverAnswerTheCloseIsBounded() throws Exception {
        Path app = tmp.resolve("app");
        for (Class<?> type : List.of(GreetingEndpoint.class, GreetingApplication.class)) {
            Path file = app.resolve(type.getName().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                Files.copy(in, file);
            }
        }
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Main.Started started = Main.start(new String[] {"--host", "127.0.0.1", "--port", "0", "--shutdown-timeout", "1000",
            "--close-timeout", "30000", app.toString()}, quiet, quiet);
        assertThat(started.status).isZero();
        List<RawWebSocket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                silent.add(RawWebSocket.open(started.server.port(), "/greet"));
            }
            long start = System.nanoTime();
            started.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofMillis(1000 + Main.STOP_GRACE_MILLIS + 1000));
        } finally {
            for (RawWebSocket ws : silent) {
                ws.close();
            }
        }
    }
}
