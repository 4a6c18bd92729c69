package io.wssocket.deploy;

import io.wssocket.test.ApplicationFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.sample.GreetingApplication;
import io.wssocket.deploy.sample.GreetingEndpoint;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain HTTP requests are answered from the deployed application's {@code META-INF/resources/},
 * one request per connection, over a raw socket so that nothing normalizes the paths sent.
 */
@Timeout(30)
class StaticResourcesTest {
    private static final String INDEX = "<!doctype html><title>Greeting</title><p>grüß dich</p>\n";
    private static final String SECRET = "SECRET";
    private static final Duration EOF_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    private WebSocketServer server;
    private final List<Application> applications = new ArrayList<>();
    private final ClassLoader runtime = StaticResourcesTest.class.getClassLoader();

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        applications.forEach(Application::close);
    }

    private static ApplicationFiles greetingApp() {
        return ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class)
                .with("secret.txt", SECRET)
                .with("META-INF/secret.txt", SECRET)
                .with("META-INF/resources/index.html", INDEX)
                .with("META-INF/resources/css/site.css", "p { color: teal }\n")
                .with("META-INF/resources/app.js", "console.log('hi')\n")
                .with("META-INF/resources/data.json", "{\"a\":1}\n")
                .with("META-INF/resources/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .with("META-INF/resources/blob.bin", new byte[] {0, 1, 2})
                .with("META-INF/resources/docs/index.html", "docs\n");
    }

    private void start(Consumer<ServerConfig.Builder> configure, ApplicationSource... sources) throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1);
        configure.accept(builder);
        server = WebSocketServer.create(builder.build());
        for (ApplicationSource source : sources) {
            applications.add(Application.deploy(source, server.container(), runtime));
        }
        server.start();
    }

    private void startWithDirectory() throws Exception {
        start(b -> { }, ApplicationSource.of(greetingApp().writeDirectory(tmp.resolve("greeting"))));
    }

    private RawWebSocket.HttpResponse get(String target, String... headers) throws IOException {
        return exchange("GET", target, headers);
    }

    /** One request on its own connection; the server must end the connection after answering. */
    private RawWebSocket.HttpResponse exchange(String method, String target, String... headers) throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            raw.sendRaw(request.append("\r\n").toString());
            RawWebSocket.HttpResponse response = method.equals("HEAD") ? raw.readHttpHead() : raw.readHttpResponse();
            assertThat(response.header("Connection")).as("one request per connection").isEqualToIgnoringCase("close");
            raw.awaitEof(EOF_TIMEOUT); // for HEAD: nothing follows the head
            return response;
        }
    }

    @Test
    void theRootServesIndexHtmlWithItsHeaders() throws Exception {
        startWithDirectory();
        RawWebSocket.HttpResponse response = get("/");
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.body()).isEqualTo(INDEX);
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(INDEX.getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(response.header("ETag")).startsWith("\"").endsWith("\"");
        assertThat(response.header("Last-Modified")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(get("/index.html").body()).isEqualTo(INDEX);
    }

    @Test
    void contentTypesFollowTheExtension() throws Exception {
        startWithDirectory();
        assertThat(get("/css/site.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(get("/app.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(get("/data.json").header("Content-Type")).isEqualTo("application/json");
        assertThat(get("/logo.png").header("Content-Type")).isEqualTo("image/png");
        assertThat(get("/blob.bin").header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void aJarUnderAContextPathServesItsOwnFilesOnly() throws Exception {
        Path root = greetingApp().writeDirectory(tmp.resolve("root"));
        Path shop = ApplicationFiles.of(GreetingEndpoint.class, GreetingApplication.class)
                .with("META-INF/resources/index.html", "shop\n")
                .with("META-INF/resources/css/shop.css", "b {}\n")
                .writeJar(tmp.resolve("shop.jar"));
        start(b -> { }, ApplicationSource.of(root), ApplicationSource.of(shop, "/shop"));
        assertThat(get("/shop/").body()).isEqualTo("shop\n");
        assertThat(get("/shop/css/shop.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(get("/shop/app.js").status()).as("the root application's file, not under /shop").isEqualTo(404);
        assertThat(get("/css/shop.css").status()).isEqualTo(404);
        assertThat(get("/").body()).isEqualTo(INDEX);
        assertThat(get("/shop/greet").status()).as("the endpoint keeps its answer").isEqualTo(426);
    }

    @Test
    void headSendsTheHeadersOfGetWithoutTheContent() throws Exception {
        startWithDirectory();
        RawWebSocket.HttpResponse response = exchange("HEAD", "/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(INDEX.getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(exchange("HEAD", "/missing.txt").status()).isEqualTo(404);
    }

    @Test
    void aCurrentCopyIsNotModified() throws Exception {
        startWithDirectory();
        RawWebSocket.HttpResponse first = get("/app.js");
        String etag = first.header("ETag");
        RawWebSocket.HttpResponse byTag = get("/app.js", "If-None-Match: \"other\", " + etag);
        assertThat(byTag.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.header("ETag")).isEqualTo(etag);
        assertThat(get("/app.js", "If-None-Match: W/" + etag).status()).as("weak comparison").isEqualTo(304);
        assertThat(get("/app.js", "If-None-Match: \"other\"").status()).isEqualTo(200);
        assertThat(get("/app.js", "If-Modified-Since: " + first.header("Last-Modified")).status()).isEqualTo(304);
        assertThat(get("/app.js", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT").status()).isEqualTo(200);
        assertThat(get("/app.js", "If-Modified-Since: yesterday").status()).isEqualTo(200);
        // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
        assertThat(get("/app.js", "If-None-Match: \"other\"", "If-Modified-Since: " + first.header("Last-Modified")).status())
                .isEqualTo(200);
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedToIt() throws Exception {
        startWithDirectory();
        RawWebSocket.HttpResponse redirect = get("/docs?x=1");
        assertThat(redirect.statusLine()).isEqualTo("HTTP/1.1 301 Moved Permanently");
        assertThat(redirect.header("Location")).isEqualTo("/docs/?x=1");
        assertThat(get("/docs/").body()).isEqualTo("docs\n");
        assertThat(get("/css/").status()).as("a directory without index.html").isEqualTo(404);
    }

    @Test
    void missingFilesAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        startWithDirectory();
        assertThat(get("/nothing.html").statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
        RawWebSocket.HttpResponse post = exchange("POST", "/index.html", "Content-Length: 0");
        assertThat(post.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(exchange("DELETE", "/nothing.html").status()).isEqualTo(404);
    }

    @Test
    void theParentLoadersResourcesAreNotServed() throws Exception {
        // The test class path (the application's parent here) has META-INF/resources/parent-only.txt.
        assertThat(runtime.getResource("META-INF/resources/parent-only.txt")).isNotNull();
        startWithDirectory();
        assertThat(get("/parent-only.txt").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/css/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/css/%2e%2e/%2e%2e/secret.txt",
        "/index.html%00.png", "//secret.txt", "/./index.html", "/%", "/%zz", "/%C3%28", "http://127.0.0.1/../secret.txt"})
    void traversalAttemptsAreRefused(String target) throws Exception {
        startWithDirectory();
        RawWebSocket.HttpResponse response = get(target);
        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(response.body()).doesNotContain(SECRET);
    }

    @Test
    void anEndpointPathWithoutUpgradeKeepsItsAnswerAndUpgradesStillWork() throws Exception {
        startWithDirectory();
        RawWebSocket.HttpResponse response = get("/greet", "Accept: */*");
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 426 Upgrade Required");
        assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/greet")) {
            ws.sendText("raw");
            assertThat(ws.readFrame().text()).startsWith("hello raw from app:greeting");
        }
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            // An upgrade to a path that is a file is still a WebSocket request: no endpoint there.
            raw.sendRaw(RawWebSocket.upgradeRequest("/index.html", RawWebSocket.newKey()));
            assertThat(raw.readHttpResponse().status()).isEqualTo(404);
        }
    }

    @Test
    void afterUndeployNothingIsServed() throws Exception {
        startWithDirectory();
        assertThat(get("/").status()).isEqualTo(200);
        applications.remove(0).close();
        assertThat(get("/").status()).as("no application: the old WebSocket-only answer").isEqualTo(426);
    }

    @Test
    void theOptionTurnsStaticResourcesOff() throws Exception {
        start(b -> b.staticResources(false), ApplicationSource.of(greetingApp().writeDirectory(tmp.resolve("greeting"))));
        assertThat(get("/").status()).isEqualTo(426);
    }

    @Test
    void aFileLargerThanTheLimitIsAServerError() throws Exception {
        Path app = greetingApp().with("META-INF/resources/big.txt", "x".repeat(101)).writeDirectory(tmp.resolve("greeting"));
        start(b -> b.maxStaticFileSize(100), ApplicationSource.of(app));
        assertThat(get("/big.txt").status()).isEqualTo(500);
        assertThat(get("/app.js").status()).isEqualTo(200);
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsNotFollowed() throws Exception {
        Path app = greetingApp().writeDirectory(tmp.resolve("greeting"));
        Files.createSymbolicLink(app.resolve("META-INF/resources/link.txt"), app.resolve("secret.txt"));
        Files.createSymbolicLink(app.resolve("META-INF/resources/up"), app);
        Files.createSymbolicLink(app.resolve("META-INF/resources/inside.js"), app.resolve("META-INF/resources/app.js"));
        start(b -> { }, ApplicationSource.of(app));
        assertThat(get("/link.txt").status()).isEqualTo(404);
        assertThat(get("/up/secret.txt").status()).isEqualTo(404);
        assertThat(get("/inside.js").status()).as("a link that stays inside is served").isEqualTo(200);
    }

    @Test
    void http10IsServedAndHttp11NeedsOneHost() throws Exception {
        startWithDirectory();
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            raw.sendRaw("GET /app.js HTTP/1.0\r\n\r\n");
            assertThat(raw.readHttpResponse().status()).isEqualTo(200);
        }
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            raw.sendRaw("GET /app.js HTTP/1.1\r\n\r\n");
            assertThat(raw.readHttpResponse().status()).isEqualTo(400);
        }
    }
}
