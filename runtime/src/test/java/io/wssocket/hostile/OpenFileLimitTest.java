package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A server with default limits, in a JVM allowed 256 open files, hammered by more connections
 * from one address than it can hold: its defaults put max-connections below the open-file limit
 * and give one address a quarter of it, so the excess is refused with 429/503, or closed
 * unanswered once the refusals in flight would themselves run out of files, rather than locking
 * everyone out; a client from another address still gets in and echoes, and the log stays short
 * (accept failures and closes are summarized, never one line each).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class OpenFileLimitTest {
    private static final int OPEN_FILE_LIMIT = 256;
    private static final int HAMMER = 600;
    private static final int MAX_LOG_LINES = 20;

    @Test
    void oneAddressBeyondTheOpenFileLimitLocksNobodyOut() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        Process child = startServer(output);
        List<Socket> hammer = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> output.stream().anyMatch(l -> l.startsWith("LIMITS ")));
            String[] limits = output.stream().filter(l -> l.startsWith("LIMITS ")).findFirst().orElseThrow().split(" ");
            int port = Integer.parseInt(limits[1]);
            int maxConnections = Integer.parseInt(limits[2]);
            int perAddress = Integer.parseInt(limits[3]);
            assertThat(maxConnections).as("open-file limit minus the JVM's files minus max(64, 10 %%)")
                    .isBetween(OPEN_FILE_LIMIT - 64 - 100, OPEN_FILE_LIMIT - 64 - 1);
            assertThat(perAddress).as("a quarter of max-connections").isEqualTo(maxConnections / 4);

            byte[] request = RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < HAMMER; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write(request);
                hammer.add(socket); // held open, never read from: idle connections from one address
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> echoesFromAnotherAddress(port));

            // The legit client came after the whole flood, so every hammer socket has had its answer by now.
            int upgraded = 0;
            int refused = 0;
            int closedUnanswered = 0;
            for (Socket socket : hammer) {
                String status = statusLine(socket);
                if (status.startsWith("HTTP/1.1 101")) {
                    upgraded++;
                } else if (status.startsWith("HTTP/1.1 429") || status.startsWith("HTTP/1.1 503")) {
                    refused++;
                } else if (status.isEmpty() || status.contains("reset")) {
                    closedUnanswered++; // beyond max-connections and the refusals in flight
                }
            }
            assertThat(upgraded).as("one address holds at most its share").isLessThanOrEqualTo(perAddress);
            assertThat(refused).as("the excess is told 429 or 503 while there are files to tell it").isPositive();
            assertThat(upgraded + refused + closedUnanswered).as("no socket left hanging").isEqualTo(HAMMER);
        } catch (AssertionError | RuntimeException e) {
            output.forEach(line -> System.err.println("child: " + line));
            throw e;
        } finally {
            for (Socket socket : hammer) {
                socket.close();
            }
            child.getOutputStream().close(); // the child halts when its stdin closes
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        List<String> log = output.stream().filter(l -> !l.startsWith("LIMITS ")).toList();
        assertThat(log).as("the child's log, no line per failed accept").hasSizeLessThan(MAX_LOG_LINES);
    }

    /** A WebSocket from 127.0.0.2, which the per-address limit counts apart from the hammer's 127.0.0.1. */
    private static boolean echoesFromAnotherAddress(int port) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connectFrom(InetAddress.getByName("127.0.0.2"), port)) {
            ws.handshake("/echo");
            ws.sendText("still let in");
            return "still let in".equals(ws.readFrame().text());
        }
    }

    /** The first line the server sent, or what ended the wait. */
    private static String statusLine(Socket socket) {
        try {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\r') {
                line.append((char) b);
            }
            return line.toString();
        } catch (java.net.SocketException e) {
            return "reset: " + e.getMessage();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * The runtime's classes, its two dependencies and the test classes: what a deployed server
     * has, not the test class path's eighty jars, which the JVM would hold open and count against
     * the limit.
     */
    private static String serverClassPath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith(".jar") || entry.contains("jakarta.websocket-") || entry.contains("jandex"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Process startServer(List<String> output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = serverClassPath();
        // The limit is set by the shell the child is exec'd from: ulimit applies to that process only.
        String command = "ulimit -n " + OPEN_FILE_LIMIT + " && exec \"$0\" -Xmx128m -cp \"$1\" " + OpenFileLimitServer.class.getName();
        Process child = new ProcessBuilder("bash", "-c", command, java, classPath).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "open-file-limit-child-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }
}
