package io.wssocket.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample as a newcomer meets it: two headless Chromium pages load the chat page from the
 * server, join (the Join form then hidden, a second join ignored: one socket, one member), and
 * each sees what the other says ({@code src/test/node/chat-browser.mjs},
 * through playwright-core). Chromium comes from the system: {@code -Dwssocket.chromium=...},
 * {@code WSSOCKET_CHROMIUM}, or {@code chromium} on the PATH; Node.js from {@code -Dwssocket.node} or the PATH.
 */
class ChatBrowserTest {
    private static final long TIMEOUT_SECONDS = 90;
    /** The steps every run of the driver prints when the chat works, one JSON line each (the Servlet glue's tests check them too). */
    private static final String STEPS = "chat-browser-steps.jsonl";

    @RegisterExtension
    static final DeployedChat chat = new DeployedChat();

    @Test
    void twoPagesSeeEachOthersMessages() throws Exception {
        Path nodeDir = Path.of(System.getProperty("wssocket.nodeDir", "target/node"));
        Path output = Files.createTempFile("chat-browser", ".log");
        try {
            ProcessBuilder command = new ProcessBuilder(System.getProperty("wssocket.node", "node"), "chat-browser.mjs",
                    chat.http("").toString())
                    .directory(nodeDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            command.environment().put("CHROMIUM", chromium().toString());
            Process browser = command.start();
            boolean finished = browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("the browser run ended within %d s:%n%s", TIMEOUT_SECONDS, log).isTrue();
            assertThat(browser.exitValue()).as("the browser run:%n%s", log).isZero();
            assertThat(log)
                    .contains("{\"step\":\"loaded\",\"name\":\"Ann\",\"status\":200,\"contentType\":\"text/html; charset=utf-8\"}")
                    .contains(Files.readAllLines(nodeDir.resolve(STEPS), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path chromium() {
        Optional<Path> named = Stream.of(System.getProperty("wssocket.chromium"), System.getenv("WSSOCKET_CHROMIUM"))
                .filter(p -> p != null && !p.isBlank()).map(Path::of).findFirst();
        return named.or(() -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .map(dir -> Path.of(dir, "chromium")).filter(Files::isExecutable).findFirst())
                .orElseThrow(() -> new IllegalStateException("Chromium is not on the PATH: install it (Debian: apt-get install "
                        + "chromium), or name its executable with -Dwssocket.chromium=..."));
    }
}
