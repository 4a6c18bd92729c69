package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.test.ApplicationFiles;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server in a child JVM drains on SIGTERM (ready turns 503, its sessions close
 * with 1001, the process ends), and on an operator's drain request to its health port (the
 * process then exits 0 by itself).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class MainDrainTest {
    private static final Pattern LISTENING = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tmp;

    @Test
    void sigtermDrainsTheSessionsWith1001AndEndsTheProcess() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        Process child = start(output);
        try {
            int port = port(output);
            List<RawWebSocket> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    sessions.add(RawWebSocket.open(port, "/greet"));
                }
                // SIGTERM; Process.destroy would also close our end of its output, which the test still reads.
                child.toHandle().destroy();
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> HttpProbe.status(port, "/health/ready") == 503);
                for (RawWebSocket session : sessions) {
                    assertThat(session.readCloseFrame().code()).isEqualTo(1001);
                }
            } finally {
                RawWebSocket.closeAll(sessions);
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the process ends").isTrue();
            // 143: the JVM's status after SIGTERM, once its shutdown hooks have run.
            assertThat(child.exitValue()).isIn(0, 143);
            await().atMost(Duration.ofSeconds(5)).until(() -> output.contains("WS Socket stopped"));
        } catch (AssertionError | RuntimeException e) {
            output.forEach(line -> System.err.println("child: " + line));
            throw e;
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aDrainRequestToTheHealthPortEndsTheProcessWithStatus0() throws Exception {
        int healthPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            healthPort = probe.getLocalPort();
        }
        List<String> output = new CopyOnWriteArrayList<>();
        Process child = start(output, "--health-port", Integer.toString(healthPort));
        try {
            int port = port(output);
            try (RawWebSocket session = RawWebSocket.open(port, "/greet")) {
                assertThat(HttpProbe.request(healthPort, "POST", "/health/drain").status()).isEqualTo(202);
                assertThat(session.readCloseFrame().code()).isEqualTo(1001);
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the process ends").isTrue();
            assertThat(child.exitValue()).isZero();
        } catch (AssertionError | RuntimeException e) {
            output.forEach(line -> System.err.println("child: " + line));
            throw e;
        } finally {
            child.destroyForcibly();
        }
    }

    private Process start(List<String> output, String... extra) throws IOException {
        Path app = ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class).writeDirectory(tmp.resolve("app"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--host", "127.0.0.1", "--port", "0",
                "--drain-grace", "500", "--drain-window", "500", "--shutdown-timeout", "2000"));
        command.addAll(List.of(extra));
        command.add(app.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private static int port(List<String> output) {
        await().atMost(Duration.ofSeconds(60)).until(() -> output.stream().anyMatch(l -> LISTENING.matcher(l).find()));
        Matcher m = output.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return Integer.parseInt(m.group(1));
    }
}
