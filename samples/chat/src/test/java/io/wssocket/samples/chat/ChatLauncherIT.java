package io.wssocket.samples.chat;

import static io.wssocket.samples.chat.EventStream.skipUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.LaunchedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's run command, end to end: the standalone server with CDI started as a separate
 * process on the packaged chat jar, its page fetched and the room joined over WebSocket, the
 * process stopped; and the process's own answers to --version and to a WAR (its exit status). Runs in the integration-test phase, after this module's jar is packaged and
 * after container-glue/cdi (earlier in the reactor) has built the standalone jar.
 */
@Timeout(120)
class ChatLauncherIT {
    /** The module directory, where the README's relative paths start from here. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final String SERVER_JAR = "../../container-glue/cdi/target/wssocket-cdi.jar";
    private static final String CHAT_JAR = "target/chat.jar";

    @Test
    void theStandaloneServerWithCdiServesThePageAndTheRoom() throws Exception {
        assertThat(MODULE.resolve(SERVER_JAR)).as("the standalone jar (mvn package in container-glue/cdi)").isRegularFile();
        assertThat(MODULE.resolve(CHAT_JAR)).as("this module's jar (mvn package)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (LaunchedServer server = LaunchedServer.start(
                List.of(java, "-jar", SERVER_JAR, "--host", "127.0.0.1", "--port", "0", CHAT_JAR),
                MODULE, LaunchedServer.WS_SOCKET_LISTENING, Duration.ofSeconds(60))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("<title>WS Socket chat</title>");

            URI room = URI.create("ws://127.0.0.1:" + server.port() + "/chat?name=Ann");
            try (JdkClient ann = JdkClient.connect(room)) {
                assertThat(skipUntil(ann, "\"type\":\"joined\"")).contains("\"name\":\"Ann\"", "\"members\":1");
                ann.send("hello from a launched server");
                assertThat(skipUntil(ann, "\"type\":\"message\"")).contains("\"from\":\"Ann\"", "hello from a launched server");
            }
            assertThat(server.stop()).as("the server stopped when asked; it printed:%n%s", server.output()).isTrue();
            assertThat(server.output()).contains("CDI for chat.jar");
        }
    }

    @Test
    void theStandaloneServerSaysItsVersionAndRefusesAWarWithOneLineAndStatusTwo() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Finished version = run(List.of(java, "-jar", SERVER_JAR, "--version"));
        assertThat(version.status()).isZero();
        assertThat(version.output()).matches("WS Socket \\d+\\.\\d+\\.\\d+\\S*\\R");

        Path war = Files.write(Files.createTempDirectory("chat-launcher").resolve("shop.war"), new byte[] {'P', 'K', 5, 6});
        try {
            Finished refused = run(List.of(java, "-jar", SERVER_JAR, "--host", "127.0.0.1", "--port", "0", war.toString()));
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.output()).isEqualTo("wssocket: " + war + ": a WAR needs a Servlet container; see the guide, "
                    + "\"Inside a Servlet container\" (the standalone main deploys jars and class directories)"
                    + System.lineSeparator());
        } finally {
            Files.delete(war);
            Files.delete(war.getParent());
        }
    }

    private record Finished(int status, String output) {
    }

    /**
     * Runs a command that ends by itself, bounded by the class's timeout: its stdout and stderr
     * together, without the JVM's note on JAVA_TOOL_OPTIONS should the environment set them.
     */
    private static Finished run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Finished(process.waitFor(), output.lines().filter(line -> !line.startsWith("Picked up "))
                .map(line -> line + System.lineSeparator()).collect(Collectors.joining()));
    }
}
