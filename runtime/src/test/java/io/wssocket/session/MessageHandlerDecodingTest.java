package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session.addMessageHandler with types other than the native ones (Jakarta WebSocket 2.2 §2.1.3):
 * custom types through the configuration's decoders, Reader and InputStream, and what is refused.
 */
@Timeout(30)
class MessageHandlerDecodingTest {

    /** The decoded form of a text message. */
    public record Word(String text) {
    }

    /** Decodes text that is not "skip"; the decoders' life cycle is reported through the session. */
    public static class WordDecoder implements Decoder.Text<Word> {
        @Override
        public Word decode(String s) throws DecodeException {
            if (s.equals("bad")) {
                throw new DecodeException(s, "bad word");
            }
            return new Word(s.toUpperCase());
        }

        @Override
        public boolean willDecode(String s) {
            return !s.equals("skip");
        }
    }

    /** Binary messages as a Word, through a stream decoder. */
    public static class WordStreamDecoder implements Decoder.BinaryStream<Word> {
        @Override
        public Word decode(InputStream in) throws IOException {
            return new Word(new String(in.readAllBytes(), StandardCharsets.UTF_8) + "!");
        }
    }

    /** A decoder to Reader: the endpoint's own decoder for a type the container also knows. */
    public static class ShoutingReaderDecoder implements Decoder.Text<Reader> {
        @Override
        public Reader decode(String s) {
            return new java.io.StringReader(s.toUpperCase());
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** Registers what the path names and echoes what its handler gets; errors are sent back as text. */
    public static class Registering extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String kind = session.getRequestURI().getPath().substring(1);
            switch (kind) {
                case "text-word":
                case "binary-word":
                    session.addMessageHandler(Word.class, word -> reply(session, "word " + word.text()));
                    break;
                case "reader":
                case "decoded-reader":
                    session.addMessageHandler(Reader.class, reader -> reply(session, "reader " + read(reader)));
                    break;
                case "stream":
                    session.addMessageHandler(InputStream.class, in -> reply(session, "stream " + read(in)));
                    break;
                case "no-decoder":
                    session.addMessageHandler(Word.class, word -> reply(session, "unexpected"));
                    break;
                default:
                    // The handler of a custom type takes the text slot: a second text handler is refused.
                    session.addMessageHandler(Word.class, word -> reply(session, "word " + word.text()));
                    session.addMessageHandler(String.class, text -> reply(session, "unexpected"));
            }
        }

        @Override
        public void onError(Session session, Throwable error) {
            reply(session, "error " + error.getClass().getSimpleName());
        }

        private static String read(Object source) {
            try {
                if (source instanceof Reader r) {
                    java.io.StringWriter out = new java.io.StringWriter();
                    r.transferTo(out);
                    return out.toString();
                }
                return new String(((InputStream) source).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void reply(Session session, String text) {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        for (String path : List.of("/text-word", "/reader", "/stream", "/no-decoder", "/two-text")) {
            c.addEndpoint(ServerEndpointConfig.Builder.create(Registering.class, path)
                    .decoders(path.equals("/no-decoder") ? List.of() : List.of(WordDecoder.class)).build());
        }
        c.addEndpoint(ServerEndpointConfig.Builder.create(Registering.class, "/decoded-reader")
                .decoders(List.of(ShoutingReaderDecoder.class)).build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(Registering.class, "/binary-word")
                .decoders(List.of(WordStreamDecoder.class)).build());
    });

    @Test
    void aCustomTypeIsDecodedByTheConfigurationsTextDecoder() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/text-word"))) {
            client.send("hello");
            assertThat(client.next(5)).isEqualTo("word HELLO");
        }
    }

    @Test
    void aMessageNoDecoderWillDecodeOrThatFailsToDecodeGoesToOnErrorAsDecodeException() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/text-word"))) {
            client.send("skip");
            assertThat(client.next(5)).isEqualTo("error DecodeException");
            client.send("bad");
            assertThat(client.next(5)).isEqualTo("error DecodeException");
            client.send("still open");
            assertThat(client.next(5)).isEqualTo("word STILL OPEN");
        }
    }

    @Test
    void aCustomTypeWithOnlyABinaryDecoderTakesBinaryMessages() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/binary-word"))) {
            client.ws.sendBinary(ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8)), true).get(5, TimeUnit.SECONDS);
            assertThat(client.next(5)).isEqualTo("word bytes!");
        }
    }

    @Test
    void aReaderHandlerGetsTheWholeTextMessage() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/reader"))) {
            client.ws.sendText("one ", false).get(5, TimeUnit.SECONDS);
            client.ws.sendText("message", true).get(5, TimeUnit.SECONDS);
            assertThat(client.next(5)).isEqualTo("reader one message");
        }
    }

    @Test
    void theEndpointsOwnDecoderForReaderComesBeforeTheBuiltInOne() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/decoded-reader"))) {
            client.send("quiet");
            assertThat(client.next(5)).isEqualTo("reader QUIET");
        }
    }

    @Test
    void anInputStreamHandlerGetsTheWholeBinaryMessage() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/stream"))) {
            client.ws.sendBinary(ByteBuffer.wrap("raw".getBytes(StandardCharsets.UTF_8)), true).get(5, TimeUnit.SECONDS);
            assertThat(client.next(5)).isEqualTo("stream raw");
        }
    }

    @Test
    void aTypeWithoutDecoderIsRefusedWithIllegalStateExceptionFromOnOpenToOnError() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/no-decoder"))) {
            assertThat(client.next(5)).isEqualTo("error IllegalStateException");
        }
    }

    @Test
    void aSecondHandlerForTextAfterADecodedOneIsRefused() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/two-text"))) {
            assertThat(client.next(5)).isEqualTo("error IllegalStateException");
            client.send("first");
            assertThat(client.next(5)).isEqualTo("word FIRST");
        }
    }
}
