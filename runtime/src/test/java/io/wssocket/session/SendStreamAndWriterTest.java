package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message written through the basic remote's stream or writer is one message on the wire. */
@Timeout(30)
class SendStreamAndWriterTest {

    static final int CHUNK = 4000;
    static final int CHUNKS = 3; // 12 000 bytes: more than 8 KiB, so more than one frame's worth of buffer
    static final String MULTI_BYTE = "grüße – 日本語 – 🎉 ".repeat(700); // code points of 2, 3 and 4 UTF-8 bytes, > 8 KiB

    static byte[] expectedBytes() {
        byte[] bytes = new byte[CHUNK * CHUNKS];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** Answers "stream", "writer" and "write after close" with what its name says. */
    public static class Writing extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, command -> {
                try {
                    switch (command) {
                        case "stream" -> {
                            byte[] bytes = expectedBytes();
                            try (OutputStream out = session.getBasicRemote().getSendStream()) {
                                for (int i = 0; i < CHUNKS; i++) {
                                    out.write(bytes, i * CHUNK, CHUNK);
                                }
                            }
                        }
                        case "writer" -> {
                            try (Writer writer = session.getBasicRemote().getSendWriter()) {
                                // split inside the string, including between the halves of a surrogate pair
                                int split = MULTI_BYTE.indexOf('\uDF89');
                                writer.write(MULTI_BYTE, 0, split);
                                writer.write(MULTI_BYTE.substring(split));
                            }
                        }
                        case "write after close" -> {
                            OutputStream out = session.getBasicRemote().getSendStream();
                            out.write(1);
                            out.close();
                            String outcome;
                            try {
                                out.write(2);
                                outcome = "write after close accepted";
                            } catch (IOException e) {
                                outcome = "IOException";
                            }
                            session.getBasicRemote().sendText(outcome);
                        }
                        default -> throw new IllegalArgumentException(command);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(Writing.class, "/write").build()));

    @Test
    void severalWritesToTheSendStreamArriveAsOneBinaryMessage() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/write"))) {
            client.send("stream");
            Object message = client.next(5);
            assertThat(message).isInstanceOf(byte[].class);
            assertThat(Arrays.equals((byte[]) message, expectedBytes())).as("the bytes written, in order").isTrue();
            assertThat(client.messages).as("nothing after the one message").isEmpty();
        }
    }

    @Test
    void theSendWriterSendsOneTextMessageEqualToTheWrittenString() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/write"))) {
            client.send("writer");
            assertThat(client.next(5)).isEqualTo(MULTI_BYTE);
        }
    }

    @Test
    void writingToAClosedSendStreamThrowsIOException() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/write"))) {
            client.send("write after close");
            assertThat(client.next(5)).isEqualTo(new byte[] {1});
            assertThat(client.next(5)).isEqualTo("IOException");
        }
    }
}
