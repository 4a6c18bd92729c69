package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A load balancer binary from Debian's packages (HAProxy, nginx) run by a test as a child process
 * on a loopback port, configured by one of the files shipped under {@code docs/deploy/} with its
 * {@code ${LISTEN}} and {@code ${NODE1}}..{@code ${NODE3}} filled in, so that what the guide
 * tells operators to use is what is tested. Its files and output go under
 * {@code target/balancers/}; {@link #close()} stops the process it started, by its handle.
 */
final class Balancer implements AutoCloseable {
    /** What to run when a binary is missing (as {@code .ci/run} does). */
    static final String INSTALL = "apt-get install haproxy nginx libnginx-mod-stream";

    private static final Path DEPLOY = Path.of("..", "..", "docs", "deploy");

    private final Process process;
    private final int port;
    private final Path output;

    private Balancer(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** {@code NODE1}..{@code NODEn} to {@code 127.0.0.1:port} of each of {@code ports}, for the configuration files. */
    static Map<String, String> placeholders(List<Integer> ports) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            values.put("NODE" + (i + 1), "127.0.0.1:" + ports.get(i));
        }
        return values;
    }

    /** HAProxy in the foreground with {@code docs/deploy/<file>}. */
    static Balancer haproxy(String file, Map<String, String> nodes) throws IOException {
        Path binary = locate("haproxy");
        return start(file, nodes, (dir, config) -> List.of(binary.toString(), "-db", "-f", config.toString()));
    }

    /** nginx as one foreground process with {@code docs/deploy/<file>}, its pid and log under target/. */
    static Balancer nginx(String file, Map<String, String> nodes) throws IOException {
        Path binary = locate("nginx");
        return start(file, nodes, (dir, config) -> List.of(binary.toString(), "-p", dir + File.separator,
                "-e", dir.resolve("error.log").toString(), "-c", config.toString(),
                "-g", "daemon off; master_process off; pid " + dir.resolve("nginx.pid") + ";"));
    }

    /**
     * The binary's path, from PATH or the system directories (a user's PATH may lack /usr/sbin);
     * fails, rather than skipping the test, naming the install command.
     */
    static Path locate(String binary) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, binary)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError(binary + " is not installed (looked in PATH, /usr/sbin, /sbin): the"
                        + " load-balancer tests run Debian's HAProxy and nginx; install them with `" + INSTALL + "`"
                        + " (.ci/run does)"));
    }

    private static Balancer start(String file, Map<String, String> nodes, BiFunction<Path, Path, List<String>> command)
            throws IOException {
        int port = freePort();
        Map<String, String> values = new HashMap<>(nodes);
        values.put("LISTEN", "127.0.0.1:" + port);
        Path template = DEPLOY.resolve(file);
        assertThat(template).as("the shipped configuration (tests run in the module's directory)").isRegularFile();
        String text = Files.readString(template, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        assertThat(text).as("placeholders left in %s", file).doesNotContainPattern("\\$\\{[A-Z0-9_]+\\}");
        Path dir = Path.of("target", "balancers", file + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        Path output = dir.resolve("output.log");
        Process process = new ProcessBuilder(command.apply(dir, config)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        Balancer balancer = new Balancer(process, port, output);
        try {
            await("balancer listening on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        assertThat(process.isAlive()).as("%s running; its output: %s", file,
                                Files.readString(output, StandardCharsets.UTF_8)).isTrue();
                        return accepts(port);
                    });
        } catch (RuntimeException | Error e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * How many lines of the balancer's output so far contain {@code fragment}: HAProxy in the
     * foreground prints each change of a server's state, as in
     * {@code Server nodes/node3 is DOWN, reason: Layer7 wrong status, code: 503, ...}.
     */
    long linesWith(String fragment) throws IOException {
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(fragment)).count();
        }
    }

    /** Waits (generously) until {@code count} lines of the output contain {@code fragment}. */
    void awaitLines(String fragment, long count) {
        await("balancer output: " + count + " lines with \"" + fragment + "\"").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> linesWith(fragment) >= count);
    }

    /** The loopback port clients connect to. */
    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
