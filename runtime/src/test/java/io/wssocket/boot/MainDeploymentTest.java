package io.wssocket.boot;

import io.wssocket.test.ApplicationFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.broken.UnconstructableApplication;
import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.test.JdkClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap main stops at an application it cannot deploy (--fail-fast, the default), or
 * reports it and still serves the others (--no-fail-fast).
 */
@Timeout(30)
class MainDeploymentTest {
    @TempDir
    Path tmp;

    @Test
    void withoutFailFastAFailedApplicationIsReportedAndTheOthersStart() throws Exception {
        Path good = ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class).writeDirectory(tmp.resolve("good"));
        Path bad = ApplicationFiles.of(UnconstructableApplication.class).writeDirectory(tmp.resolve("bad"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(new String[] {"--host", "127.0.0.1", "--port", "0", "--no-fail-fast", bad.toString(),
            good.toString(), tmp.resolve("missing.jar").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(started.status).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("not deployed (" + bad + ")").contains("public no-argument constructor")
                    .contains("missing.jar does not exist");
            int port = started.server.port();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("WS Socket is listening on ws://127.0.0.1:" + port + "/")
                    .contains("ws://127.0.0.1:" + port + "/greet")
                    .contains("2 application(s) failed to deploy");
            try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/greet"))) {
                client.send("main");
                assertThat((String) client.next(5)).startsWith("hello main from app:good");
            }
        } finally {
            started.stop();
        }
    }

    @Test
    void byDefaultAFailedApplicationStopsTheStartWithOneLineNamingIt() throws Exception {
        Path good = ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class).writeDirectory(tmp.resolve("good"));
        Path bad = ApplicationFiles.of(UnconstructableApplication.class).writeDirectory(tmp.resolve("bad"));
        for (String[] failFast : List.of(new String[0], new String[] {"--fail-fast"}, new String[] {"--fail-fast=true"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
            args.addAll(List.of(failFast));
            args.addAll(List.of(good.toString(), bad.toString()));
            Main.Started started = Main.start(args.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(started.status).as("status with %s", args).isEqualTo(Main.STARTUP_FAILED);
            assertThat(started.server).isNull();
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                    .startsWith("wssocket: not deployed (" + bad + "): ").contains("public no-argument constructor")
                    .endsWith("; not starting (--no-fail-fast starts the other applications)");
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("listening");
        }
    }

    @Test
    void theApplicationsPageIsServedOverPlainHttp() throws Exception {
        Path app = ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class).writeDirectory(tmp.resolve("app"));
        Files.createDirectories(app.resolve("META-INF/resources"));
        Files.writeString(app.resolve("META-INF/resources/index.html"), "<p>hello</p>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.Started started = Main.start(new String[] {"--host", "127.0.0.1", "--port", "0", "--deploy", app + "=/chat"},
                new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).as("where to open the page")
                    .contains("  http://127.0.0.1:" + started.server.port() + "/chat/   (pages from app)");
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started.server.port() + "/chat/"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).isEqualTo("<p>hello</p>");
        } finally {
            started.stop();
        }
    }

    @Test
    void nothingDeployableMeansNoServerEvenWithoutFailFast() throws Exception {
        Path bad = ApplicationFiles.of(UnconstructableApplication.class).writeDirectory(tmp.resolve("bad"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(new String[] {"--port", "0", "--fail-fast=false", bad.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(started.status).isEqualTo(1);
        assertThat(started.server).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no application could be deployed");
    }

}
