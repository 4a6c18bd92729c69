package io.wssocket.module;

import io.wssocket.test.ApplicationFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime on the module path, in a JVM of its own: {@code java --module-path runtime:api
 * --module ...}, with nothing on the class path. The other tests run it on the class path.
 */
@Timeout(60)
class ModulePathTest {
    /** An application module: an annotated endpoint with an encoder and a decoder, started embedded. */
    private static final Map<String, String> ECHO_MODULE = Map.of(
            "module-info.java", """
                    module test.echo {
                        requires io.wssocket.runtime;
                        // what the guide tells applications: the runtime creates and calls these classes
                        opens test.echo to io.wssocket.runtime;
                    }
                    """,
            "test/echo/Shout.java", """
                    package test.echo;
                    public record Shout(String text) {
                    }
                    """,
            "test/echo/ShoutDecoder.java", """
                    package test.echo;
                    public class ShoutDecoder implements jakarta.websocket.Decoder.Text<Shout> {
                        @Override public Shout decode(String s) { return new Shout(s); }
                        @Override public boolean willDecode(String s) { return true; }
                    }
                    """,
            "test/echo/ShoutEncoder.java", """
                    package test.echo;
                    public class ShoutEncoder implements jakarta.websocket.Encoder.Text<Shout> {
                        @Override public String encode(Shout shout) { return shout.text().toUpperCase(); }
                    }
                    """,
            "test/echo/EchoEndpoint.java", """
                    package test.echo;
                    import jakarta.websocket.OnMessage;
                    import jakarta.websocket.server.ServerEndpoint;
                    @ServerEndpoint(value = "/echo", decoders = ShoutDecoder.class, encoders = ShoutEncoder.class)
                    public class EchoEndpoint {
                        @OnMessage
                        public Shout echo(Shout shout) {
                            return new Shout(shout.text() + " from " + getClass().getModule().getName()
                                    + " on " + jakarta.websocket.Session.class.getModule().getName()
                                    + " by " + io.wssocket.server.WebSocketServer.class.getModule().getName());
                        }
                    }
                    """,
            "test/echo/EchoClient.java", """
                    package test.echo;
                    import jakarta.websocket.ClientEndpoint;
                    import jakarta.websocket.OnMessage;
                    import java.util.concurrent.CompletableFuture;
                    @ClientEndpoint
                    public class EchoClient {
                        final CompletableFuture<String> reply = new CompletableFuture<>();
                        @OnMessage
                        public void reply(String text) {
                            reply.complete(text);
                        }
                    }
                    """,
            "test/echo/Main.java", """
                    package test.echo;
                    import io.wssocket.server.ServerConfig;
                    import io.wssocket.server.WebSocketServer;
                    import jakarta.websocket.ContainerProvider;
                    import jakarta.websocket.Session;
                    import java.net.URI;
                    import java.util.concurrent.TimeUnit;
                    public final class Main {
                        public static void main(String[] args) throws Exception {
                            try (WebSocketServer server = WebSocketServer.create(
                                    ServerConfig.builder().host("127.0.0.1").port(0).build())) {
                                server.container().addEndpoint(EchoEndpoint.class);
                                server.start();
                                // the client, found by the API through the runtime module's provides
                                EchoClient client = new EchoClient();
                                try (Session session = ContainerProvider.getWebSocketContainer().connectToServer(client,
                                        URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
                                    session.getBasicRemote().sendText("self");
                                    System.out.println("client got " + client.reply.get(10, TimeUnit.SECONDS));
                                }
                                System.out.println("listening on port " + server.port());
                                System.in.read(); // until the test closes our stdin
                            }
                        }
                    }
                    """);

    @TempDir
    Path tmp;

    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void anApplicationModuleEmbedsTheServerAndConnectsWithTheClient() throws Exception {
        Path app = compileModule(ECHO_MODULE, tmp.resolve("src"), tmp.resolve("test.echo"));
        BlockingQueue<String> out = start(List.of("--module-path", modulePath(app), "--module", "test.echo/test.echo.Main"));
        assertThat(await(out, Pattern.compile("client got (.*)")).group(1))
                .isEqualTo("SELF FROM TEST.ECHO ON JAKARTA.WEBSOCKET.CLIENT BY IO.WSSOCKET.RUNTIME");
        int port = Integer.parseInt(await(out, Pattern.compile("listening on port (\\d+)")).group(1));

        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"))) {
            client.send("hello");
            assertThat(client.next(10)).isEqualTo("HELLO FROM TEST.ECHO ON JAKARTA.WEBSOCKET.CLIENT BY IO.WSSOCKET.RUNTIME");
        }
    }

    @Test
    void anApplicationModuleThatDoesNotOpenItsEndpointsIsToldTo() throws Exception {
        Map<String, String> closed = new java.util.HashMap<>(ECHO_MODULE);
        closed.put("module-info.java", "module test.echo { requires io.wssocket.runtime; }");
        Path app = compileModule(closed, tmp.resolve("src"), tmp.resolve("test.echo"));
        BlockingQueue<String> out = start(List.of("--module-path", modulePath(app), "--module", "test.echo/test.echo.Main"));

        assertThat(await(out, Pattern.compile("DeploymentException: (.*)")).group(1))
                .contains("test.echo.EchoEndpoint").contains("must open package test.echo to io.wssocket.runtime");
    }

    @Test
    void theBootstrapMainDeploysAnApplicationDirectory() throws Exception {
        // Scanned with Jandex, loaded by the runtime's application loader, pages from META-INF/resources
        Path app = ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class).writeDirectory(tmp.resolve("app"));
        Files.createDirectories(app.resolve("META-INF/resources"));
        Files.writeString(app.resolve("META-INF/resources/index.html"), "<p>hello</p>");
        BlockingQueue<String> out = start(List.of("--module-path", modulePath(), "--module", "io.wssocket.runtime/io.wssocket.boot.Main",
                "--host", "127.0.0.1", "--port", "0", app.toString()));
        int port = Integer.parseInt(await(out, Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/")).group(1));

        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/greet"))) {
            client.send("module");
            assertThat((String) client.next(10)).startsWith("hello module from app:app");
        }
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<p>hello</p>");
    }

    /** The runtime (its class directory, which has the module descriptor) and its three dependencies. */
    static String modulePath(Path... more) throws URISyntaxException {
        List<String> entries = new ArrayList<>(List.of(
                locationOf(WebSocketServer.class),
                locationOf(jakarta.websocket.server.ServerEndpoint.class),
                locationOf(jakarta.websocket.Session.class),
                locationOf(Index.class)));
        for (Path path : more) {
            entries.add(path.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private Path compileModule(Map<String, String> module, Path sources, Path classes) throws IOException, URISyntaxException {
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "--module-path", modulePath(),
                "-d", classes.toString()));
        for (Map.Entry<String, String> source : module.entrySet()) {
            Path file = sources.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, System.out, System.err, arguments.toArray(String[]::new))).as("javac's exit status").isZero();
        return classes;
    }

    /** Starts {@code java} with these arguments and no class path; its output lines go to the queue. */
    private BlockingQueue<String> start(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CLASSPATH");
        process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[module path] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output unreadable: " + e);
            }
        }, "module-path-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The first output line that matches, or a failure with everything the process wrote. */
    private Matcher await(BlockingQueue<String> lines, Pattern pattern) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("no line matching " + pattern + " from the module-path JVM; it wrote:\n" + seen);
    }

}
