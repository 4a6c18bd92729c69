package io.wssocket.samples.chattomcat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.interop.ChatPagesInChromium;
import io.wssocket.test.JdkClient;
import io.wssocket.test.LaunchedServer;
import io.wssocket.test.RawWebSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "In a Servlet container" command, end to end: {@code java -jar target/chat-tomcat.jar}
 * as a separate JVM on an ephemeral loopback port with samples/chat-war's real {@code chat.war},
 * which Tomcat expands and deploys itself (its ContextConfig, its web application class loader, the
 * initializers of {@code WEB-INF/lib}). Neither the runnable jar nor the WAR has Tomcat's WebSocket
 * implementation, so every upgrade that works is WS Socket's from the WAR. Runs in the
 * integration-test phase, after this module's jar is packaged and after samples/chat-war (earlier in
 * the reactor) has built the WAR. One launch serves every case (Tomcat and Weld take seconds to
 * start); each case joins the room with names of its own, the browser's first (its driver expects a
 * room without history). The browser case needs Chromium and Node.js as the chat sample's
 * ChatBrowserTest does; the build installs the driver's packages with npm ci.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatInTomcatIT {
    /** The module directory, where the relative paths below start from. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final String LAUNCHER = "target/chat-tomcat.jar";
    private static final String WAR = "../chat-war/target/chat.war";
    private static final Pattern LISTENING = Pattern.compile("Tomcat/\\S+ is listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LaunchedServer tomcat;

    @BeforeAll
    static void launch() throws Exception {
        assertThat(MODULE.resolve(LAUNCHER)).as("the runnable jar (mvn package)").isRegularFile();
        assertThat(MODULE.resolve(WAR)).as("samples/chat-war's WAR (mvn package there)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        tomcat = LaunchedServer.start(List.of(java, "-jar", LAUNCHER, "--host", "127.0.0.1", "--port", "0", WAR),
                MODULE, LISTENING, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void neitherTheLauncherNorTheWarCarriesTomcatsWebSocketImplementation() throws IOException {
        assertThat(entries(MODULE.resolve(LAUNCHER))).as("the runnable jar: Tomcat's core, not its WebSocket")
                .contains("org/apache/catalina/startup/Tomcat.class")
                .noneMatch(name -> name.startsWith("org/apache/tomcat/websocket/"))
                .noneMatch(name -> name.startsWith("jakarta/websocket/"));
        assertThat(entries(MODULE.resolve(WAR))).as("the WAR: WS Socket and Weld Servlet in WEB-INF/lib")
                .anyMatch(name -> name.matches("WEB-INF/lib/wssocket-servlet-.+\\.jar"))
                .anyMatch(name -> name.matches("WEB-INF/lib/weld-servlet-core-.+\\.jar"))
                .noneMatch(name -> name.contains("tomcat"));
        assertThat(tomcat.output()).as("what the launcher printed")
                .contains("  open http://127.0.0.1:" + tomcat.port() + "/chat/   (chat.war at /chat)")
                .contains("  WebSockets served by io.wssocket.server.WsServerContainer (WEB-INF/lib/wssocket-runtime-");
    }

    @Test
    void tomcatServesTheChatPageFromTheWar() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + "/chat/"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>WS Socket chat</title>");
    }

    /**
     * First, while the room is empty: the chat page from the WAR in headless Chromium, where Ann and
     * Bob join, see each other's messages (markup shown as text) and Bob leaves, as the chat sample's
     * ChatBrowserTest has them do in the standalone server.
     */
    @Test
    @Order(1)
    void chromiumPagesChatThroughTheWar() throws Exception {
        String log = ChatPagesInChromium.chat(URI.create("http://127.0.0.1:" + tomcat.port() + "/chat/"));

        assertThat(log).contains("{\"step\":\"loaded\",\"name\":\"Ann\",\"status\":200,\"contentType\":\"text/html")
                .contains(ChatPagesInChromium.stepsOfAWorkingChat());
    }

    @Test
    void twoMembersChatAndOneLeaves() throws Exception {
        try (JdkClient dora = join("Dora"); JdkClient eve = join("Eve")) {
            assertThat(next(dora, "\"type\":\"joined\"", "\"name\":\"Eve\"")).contains("\"members\":2");

            dora.send("hello from Dora");
            assertThat(next(eve, "\"type\":\"message\"", "\"from\":\"Dora\"")).contains("\"text\":\"hello from Dora\"");
            eve.send("hi Dora, Eve here ✓");
            assertThat(next(dora, "\"type\":\"message\"", "\"from\":\"Eve\"")).contains("\"text\":\"hi Dora, Eve here ✓\"");

            eve.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(eve.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).as("the server's answer to Eve's close")
                    .isEqualTo(1000);
            assertThat(next(dora, "\"type\":\"left\"")).contains("\"name\":\"Eve\"", "\"members\":1");
        }
    }

    /**
     * A member without a name is refused with 1008 from onOpen; a client that never answers that
     * close frame is dropped after the close timeout (5 s). That drop is decided by WS Socket's timer,
     * not in one of Tomcat's callbacks: over the Servlet API's upgraded streams Tomcat would close
     * nothing until the client gave up (container-glue/servlet/CONTAINERS.md, Tomcat), so the end of
     * stream shows that the glue in WEB-INF/lib reached Tomcat's own upgrade handler and socket
     * through the web application's class loader.
     */
    @Test
    void aMemberWithoutANameIsRefusedAndDroppedWhenItNeverAnswersTheClose() throws Exception {
        try (RawWebSocket nameless = RawWebSocket.open(tomcat.port(), "/chat/chat")) {
            RawWebSocket.Close refused = nameless.readCloseFrame();
            assertThat(refused.code()).isEqualTo(1008);
            assertThat(refused.reason()).isEqualTo("give one name: /chat?name=...");

            nameless.awaitEof(WAIT);
        }
    }

    /** Last: Ctrl-C (SIGTERM) stops Tomcat, which stops the application, which closes its sessions with 1001. */
    @Test
    @Order(Integer.MAX_VALUE)
    void ctrlCStopsTomcatAndTheApplicationClosesItsSessions() throws Exception {
        try (JdkClient carol = join("Carol")) {
            assertThat(tomcat.stop()).as("the launcher ended when asked; it printed:%n%s", tomcat.output()).isTrue();

            assertThat(carol.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).as("going away").isEqualTo(1001);
            assertThat(tomcat.output()).endsWith("Tomcat stopped");
        }
    }

    /**
     * A member in the room once the room has told it so: its own arrival, after the room's recent
     * events (which start with those of earlier cases).
     */
    private static JdkClient join(String name) throws Exception {
        JdkClient member = JdkClient.connect(URI.create("ws://127.0.0.1:" + tomcat.port() + "/chat/chat?name=" + name));
        try {
            next(member, "\"type\":\"joined\"", "\"name\":\"" + name + "\"");
        } catch (AssertionError | InterruptedException e) {
            member.close();
            throw e;
        }
        return member;
    }

    /** The member's next event holding every one of {@code parts}; the ones before it are passed over. */
    private static String next(JdkClient member, String... parts) throws InterruptedException {
        return member.nextHolding(WAIT.toSeconds(), parts);
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
