package io.wssocket.samples.chat;

import static io.wssocket.samples.chat.EventStream.skipUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat room over real connections, as a browser's page uses it; the deployment goes through CDI. */
class ChatApplicationTest {
    @RegisterExtension
    static final DeployedChat chat = new DeployedChat();

    @Test
    void deploysTheEndpointAtSlashChat() {
        assertThat(chat.application().paths()).containsExactly("/chat");
    }

    @Test
    void membersSeeEachOthersMessagesAndPresence() throws Exception {
        try (JdkClient ann = JdkClient.connect(chat.chat("Ann"))) {
            skipUntil(ann, "\"type\":\"joined\"", "\"name\":\"Ann\""); // after what was said before (other tests)
            try (JdkClient bob = JdkClient.connect(chat.chat("Bob"))) {
                skipUntil(bob, "\"type\":\"joined\"", "\"name\":\"Bob\"");
                assertThat(skipUntil(ann, "\"type\":\"joined\"")).contains("\"name\":\"Bob\"", "\"members\":2");

                ann.send("  hello \"Bob\"\n ");
                String expected = "\"type\":\"message\",\"from\":\"Ann\",\"text\":\"hello \\\"Bob\\\"\"";
                assertThat(skipUntil(bob, "\"type\":\"message\"")).contains(expected);
                assertThat(skipUntil(ann, "\"type\":\"message\"")).contains(expected);
            }
            assertThat(skipUntil(ann, "\"type\":\"left\"")).contains("\"name\":\"Bob\"", "\"members\":1");
        }
    }

    @Test
    void latecomersGetWhatWasSaidBefore() throws Exception {
        String marker = "before you came " + System.nanoTime();
        try (JdkClient early = JdkClient.connect(chat.chat("Early"))) {
            early.send(marker);
            skipUntil(early, marker);
            try (JdkClient late = JdkClient.connect(chat.chat("Late"))) {
                assertThat(skipUntil(late, marker)).contains("\"from\":\"Early\"");
            }
        }
    }

    @Test
    void blankMessagesAreNotBroadcast() throws Exception {
        try (JdkClient quiet = JdkClient.connect(chat.chat("Quiet"))) {
            skipUntil(quiet, "\"name\":\"Quiet\"");
            quiet.send("   ");
            quiet.send("after the blank");
            assertThat(skipUntil(quiet, "\"type\":\"message\"")).contains("after the blank");
        }
    }

    @Test
    void aBadNameIsRefusedWith1008() throws Exception {
        for (String name : List.of("", "   ", "<script>", "a".repeat(Nicknames.MAX_LENGTH + 1))) {
            try (JdkClient refused = JdkClient.connect(chat.chat(name))) {
                JdkClient.Close close = refused.closed.get(10, TimeUnit.SECONDS);
                assertThat(close.code()).as("name %s", name).isEqualTo(1008);
                assertThat(close.reason()).isNotBlank();
            }
        }
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        try (JdkClient big = JdkClient.connect(chat.chat("Big"))) {
            big.send("x".repeat(ChatEndpoint.MAX_MESSAGE_BYTES + 1));
            assertThat(big.closed.get(10, TimeUnit.SECONDS).code()).isEqualTo(1009);
        }
    }

    @Test
    void servesItsPageFromMetaInfResources() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(chat.http("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>WS Socket chat</title>", "chat.js");
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(chat.http("chat.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new WebSocket(");
        URI classFile = chat.http("io/wssocket/samples/chat/ChatRoom.class");
        assertThat(http.send(HttpRequest.newBuilder(classFile).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("only META-INF/resources is served").isEqualTo(404);
    }
}
