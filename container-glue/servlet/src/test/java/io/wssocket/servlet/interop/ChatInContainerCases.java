package io.wssocket.servlet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.interop.ChatPagesInChromium;
import io.wssocket.servlet.containers.EmbeddedServletContainer;
import io.wssocket.servlet.containers.ServletContainers;
import jakarta.websocket.CloseReason;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat sample in one Servlet container with WS Socket as its WebSocket implementation, deployed
 * as its WAR would be ({@link ChatWar}), met by the clients of the interop matrix's rows "WS Socket
 * in &lt;container&gt;": Tyrus's client (methods {@code tyrus...}) and the chat page in headless
 * Chromium ({@code chromium...}); the methods with {@code Deflate} in their name check that the chat
 * works over permessage-deflate (RFC 7692), which the server agrees to by default. A subclass per
 * container, named {@code <Container>ChatInteropTest}; each case starts the container and the
 * application afresh (about a second), so no case sees another's room. The JDK client's cases are
 * {@code WebSocketInServletContainersTest}'s.
 */
abstract class ChatInContainerCases {
    private ChatWar war;
    private EmbeddedServletContainer container;

    /** The container, as {@link ServletContainers#all()} names it. */
    abstract String containerName();

    @BeforeEach
    void deployTheChat() throws Exception {
        container = ServletContainers.all().filter(named -> named.getName().equals(containerName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no container named " + containerName()))
                .getPayload();
        war = ChatWar.open();
        container.start(war.application());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            if (war != null) {
                war.close();
            }
        }
    }

    private URI room() {
        return container.uri("ws", ChatWar.CONTEXT_PATH + "/chat");
    }

    @Test
    void tyrusMembersChatAndLeaveWithACleanClose() throws Exception {
        try (TyrusMember ann = TyrusMember.join(room(), "Ann"); TyrusMember bob = TyrusMember.join(room(), "Bob")) {
            ann.sees("\"type\":\"joined\"", "\"name\":\"Bob\"", "\"members\":2");

            ann.say("hello from Ann");
            bob.sees("\"type\":\"message\"", "\"from\":\"Ann\"", "\"text\":\"hello from Ann\"");
            bob.say("hi Ann, Bob here ✓");
            ann.sees("\"from\":\"Bob\"", "\"text\":\"hi Ann, Bob here ✓\"");

            CloseReason bobLeft = bob.leave();
            assertThat(bobLeft.getCloseCode().getCode()).as("the server's answer to Bob's close").isEqualTo(1000);
            ann.sees("\"type\":\"left\"", "\"name\":\"Bob\"", "\"members\":1");
            assertThat(ann.leave().getCloseCode().getCode()).isEqualTo(1000);
        }
    }

    /**
     * Tyrus's deflate extension keeps its compression context between messages although the server
     * answers {@code client_no_context_takeover} (docs/interop.md, peer deviations), so the member
     * here sends one compressed message; what the server compresses (above its 256-byte threshold)
     * reaches it again and again.
     */
    @Test
    void tyrusMemberOfferingDeflateChatsCompressed() throws Exception {
        String longText = "a compressible line of chat. ".repeat(40).strip();
        try (TyrusMember ann = TyrusMember.joinOfferingDeflate(room(), "Ann"); TyrusMember bob = TyrusMember.join(room(), "Bob")) {
            assertThat(ann.agreedExtensions()).containsExactly("permessage-deflate");
            assertThat(bob.agreedExtensions()).isEmpty();

            ann.say(longText);
            bob.sees("\"from\":\"Ann\"", longText);
            ann.sees("\"from\":\"Ann\"", longText);
            bob.say(longText + " Bob");
            bob.say("and a short one");
            ann.sees("\"from\":\"Bob\"", longText + " Bob");
            ann.sees("\"from\":\"Bob\"", "and a short one");

            assertThat(ann.leave().getCloseCode().getCode()).isEqualTo(1000);
            bob.sees("\"type\":\"left\"", "\"name\":\"Ann\"");
        }
    }

    /**
     * The chat page from the container in headless Chromium: two pages join, see each other's
     * messages (markup shown as text), a second join from one page is ignored, and the page left
     * open sees the other one leave. The browser offers permessage-deflate on every WebSocket by
     * itself: both pages' sockets report it agreed.
     */
    @Test
    void chromiumPagesChatOverPermessageDeflate() throws Exception {
        String log = ChatPagesInChromium.chat(container.uri("http", ChatWar.CONTEXT_PATH + "/"));

        assertThat(log)
                .contains("{\"step\":\"loaded\",\"name\":\"Ann\",\"status\":200,\"contentType\":\"text/html")
                .contains("{\"step\":\"extensions\",\"name\":\"Ann\",\"agreed\":[\"permessage-deflate")
                .contains("{\"step\":\"extensions\",\"name\":\"Bob\",\"agreed\":[\"permessage-deflate")
                .contains(ChatPagesInChromium.stepsOfAWorkingChat());
    }
}
