package io.wssocket.interop;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two members chatting through the chat page in headless Chromium, for the chat served elsewhere than
 * by the standalone server (container-glue/servlet's containers, samples/chat-tomcat): the chat
 * sample's own browser driver ({@code samples/chat/src/test/node/chat-browser.mjs}, through
 * playwright-core), which the module's build copies to {@code target/node} ({@code -Dwssocket.nodeDir})
 * and installs with {@code npm ci}, as the chat sample's build does. Chromium and Node.js are found
 * as the runtime's interop tests find them ({@code -Dwssocket.chromium=...}, {@code WSSOCKET_CHROMIUM}
 * or {@code chromium} on the PATH; likewise {@code node}); a missing one fails the test saying what
 * to install, never skips it.
 */
public final class ChatPagesInChromium {
    /** A bound, not a speed: the browser's start and two pages on a loaded 2-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private ChatPagesInChromium() {
    }

    /** What the driver prints, one JSON line per step, when the chat works (the chat sample's ChatBrowserTest checks the same). */
    public static List<String> stepsOfAWorkingChat() throws IOException {
        return Files.readAllLines(driver().resolve("chat-browser-steps.jsonl"), StandardCharsets.UTF_8);
    }

    private static Path driver() {
        return Path.of(System.getProperty("wssocket.nodeDir", "target/node")).toAbsolutePath();
    }

    /** Runs the driver against the page at {@code page}; returns its output (one JSON line per step) once it exited with 0. */
    public static String chat(URI page) throws IOException, InterruptedException {
        Path chromium = Executables.find("chromium", "wssocket.chromium").orElseThrow(() -> new IllegalStateException(
                "Chromium is not on the PATH: install it (Debian: apt-get install chromium chromium-driver), "
                        + "or name its executable with -Dwssocket.chromium=..."));
        Path node = Executables.find("node", "wssocket.node").orElseThrow(() -> new IllegalStateException(
                "Node.js is not on the PATH: install Node.js 20 or newer (Debian: apt-get install nodejs npm), "
                        + "or name its executable with -Dwssocket.node=..."));
        Path driver = driver();
        if (!Files.isDirectory(driver.resolve("node_modules"))) {
            throw new IllegalStateException("no node_modules in " + driver + ": run the module's generate-test-resources phase "
                    + "(mvn -pl <module> generate-test-resources), which copies the chat sample's driver there and runs npm ci");
        }
        Path output = Files.createTempFile("chat-browser", ".log");
        try {
            ProcessBuilder command = new ProcessBuilder(node.toString(), "chat-browser.mjs", page.toString())
                    .directory(driver.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            command.environment().put("CHROMIUM", chromium.toString());
            Process browser = command.start();
            boolean finished = browser.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            if (!finished || browser.exitValue() != 0) {
                throw new AssertionError("the browser run " + (finished ? "exited with " + browser.exitValue()
                        : "did not end within " + TIMEOUT) + ":\n" + log);
            }
            return log;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
