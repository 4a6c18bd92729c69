package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @ServerEndpoint} classes end to end: every message form, return values, codecs, errors, close. */
@Timeout(30)
class AnnotatedEndpointTest {
    /** Close reasons seen by {@link Closing}; test-only, read by one test. */
    static final BlockingQueue<CloseReason> CLOSE_REASONS = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> CODEC_EVENTS = new LinkedBlockingQueue<>();

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        for (Class<?> endpoint : new Class<?>[] {Echo.class, SessionEcho.class, Numbers.class, Bytes.class, Buffers.class,
            Streams.class, Partial.class, Pongs.class, Points.class, Failing.class, Closing.class, Limited.class}) {
            c.addEndpoint(endpoint);
        }
    });

    /** Sends the error's type and message back, so tests see what @OnError received. */
    public abstract static class Reporting {
        @OnError
        public void error(Session session, Throwable error) throws IOException {
            if (session.isOpen()) {
                session.getBasicRemote().sendText("error " + error.getClass().getSimpleName() + ": " + error.getMessage());
            }
        }
    }

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @ServerEndpoint("/session-echo")
    public static class SessionEcho {
        private String greeting;

        @OnOpen
        public void open(EndpointConfig config) {
            greeting = "via session ";
        }

        @OnMessage
        public void echo(Session session, Reader text) throws IOException {
            StringBuilder read = new StringBuilder();
            for (int c; (c = text.read()) >= 0; ) {
                read.append((char) c);
            }
            session.getBasicRemote().sendText(greeting + read);
        }
    }

    @ServerEndpoint("/numbers")
    public static class Numbers extends Reporting {
        @OnMessage
        public int next(int n) {
            return n + 1;
        }
    }

    @ServerEndpoint("/bytes")
    public static class Bytes {
        @OnMessage
        public byte[] reverse(byte[] data) {
            byte[] out = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = data[data.length - 1 - i];
            }
            return out;
        }
    }

    @ServerEndpoint("/buffers")
    public static class Buffers {
        @OnMessage
        public ByteBuffer same(ByteBuffer data) {
            return data;
        }
    }

    @ServerEndpoint("/streams")
    public static class Streams {
        @OnMessage
        public String count(InputStream in) throws IOException {
            return "read " + in.readAllBytes().length + " bytes";
        }
    }

    @ServerEndpoint("/partial")
    public static class Partial {
        private final StringBuilder parts = new StringBuilder();

        @OnMessage
        public void part(String part, boolean last, Session session) throws IOException {
            parts.append(parts.length() == 0 ? "" : "|").append(part);
            if (last) {
                session.getBasicRemote().sendText("parts " + parts);
                parts.setLength(0);
            }
        }
    }

    @ServerEndpoint("/pongs")
    public static class Pongs {
        @OnMessage
        public String pong(PongMessage pong) {
            return "pong " + StandardCharsets.UTF_8.decode(pong.getApplicationData());
        }
    }

    public record Point(int x, int y) {
    }

    public static class PointDecoder implements Decoder.Text<Point> {
        @Override
        public void init(EndpointConfig config) {
            CODEC_EVENTS.add("decoder init");
        }

        @Override
        public void destroy() {
            CODEC_EVENTS.add("decoder destroy");
        }

        @Override
        public Point decode(String s) {
            String[] xy = s.split(",");
            return new Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }
    }

    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return "(" + p.x() + "," + p.y() + ")";
        }
    }

    @ServerEndpoint(value = "/points", decoders = PointDecoder.class, encoders = PointEncoder.class)
    public static class Points extends Reporting {
        @OnMessage
        public Point move(Point p, Session session) throws Exception {
            if (p.x() == 0) {
                session.getBasicRemote().sendObject(new Point(-1, -1));
                session.getAsyncRemote().sendObject(new Point(-2, -2)).get(5, TimeUnit.SECONDS);
            }
            return new Point(p.x() + 1, p.y() + 1);
        }
    }

    @ServerEndpoint("/failing")
    public static class Failing extends Reporting {
        @OnMessage
        public String fail(String text) {
            throw new IllegalStateException("boom on " + text);
        }
    }

    @ServerEndpoint("/closing")
    public static class Closing {
        @OnMessage
        public void close(String reason, Session session) throws IOException {
            session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, reason));
        }

        @OnClose
        public void closed(CloseReason reason, Session session) {
            CLOSE_REASONS.add(reason);
        }
    }

    @ServerEndpoint("/limited")
    public static class Limited {
        @OnMessage(maxMessageSize = 8)
        public String echo(String text) {
            return text;
        }
    }

    private static JdkClient connect(String path) throws Exception {
        return JdkClient.connect(server.uri(path));
    }

    @Test
    void aReturnedStringIsSentBack() throws Exception {
        try (JdkClient client = connect("/echo")) {
            client.send("hello");
            assertThat(client.next(5)).isEqualTo("hello");
        }
    }

    @Test
    void aReaderAndTheSessionAndOnOpenWork() throws Exception {
        try (JdkClient client = connect("/session-echo")) {
            client.send("abc");
            assertThat(client.next(5)).isEqualTo("via session abc");
        }
    }

    @Test
    void primitivesAreDecodedAndReturnedAsText() throws Exception {
        try (JdkClient client = connect("/numbers")) {
            client.send("41");
            assertThat(client.next(5)).isEqualTo("42");
            client.send("forty");
            assertThat((String) client.next(5)).startsWith("error DecodeException: text message 'forty' is not a int");
            client.send("1");
            assertThat(client.next(5)).isEqualTo("2");
        }
    }

    @Test
    void byteArraysAndBuffersAndStreamsTakeBinaryMessages() throws Exception {
        try (JdkClient bytes = connect("/bytes"); JdkClient buffers = connect("/buffers"); JdkClient streams = connect("/streams")) {
            bytes.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
            assertThat((byte[]) bytes.next(5)).containsExactly(3, 2, 1);
            buffers.ws.sendBinary(ByteBuffer.wrap(new byte[] {7, 8}), true).get(5, TimeUnit.SECONDS);
            assertThat((byte[]) buffers.next(5)).containsExactly(7, 8);
            streams.ws.sendBinary(ByteBuffer.allocate(1000), true).get(5, TimeUnit.SECONDS);
            assertThat(streams.next(5)).isEqualTo("read 1000 bytes");
        }
    }

    @Test
    void partialTextArrivesInPartsWithTheLastFlag() throws Exception {
        try (JdkClient client = connect("/partial")) {
            client.ws.sendText("ab", false).get(5, TimeUnit.SECONDS);
            client.ws.sendText("cd", false).get(5, TimeUnit.SECONDS);
            client.ws.sendText("ef", true).get(5, TimeUnit.SECONDS);
            assertThat(client.next(5)).isEqualTo("parts ab|cd|ef");
        }
    }

    @Test
    void pongMessagesReachTheirMethod() throws Exception {
        try (JdkClient client = connect("/pongs")) {
            client.ws.sendPong(ByteBuffer.wrap("beat".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
            assertThat(client.next(5)).isEqualTo("pong beat");
        }
    }

    @Test
    void decodersAndEncodersConvertMessagesAndRefusalsGoToOnError() throws Exception {
        CODEC_EVENTS.clear();
        try (JdkClient client = connect("/points")) {
            client.send("3,4");
            assertThat(client.next(5)).isEqualTo("(4,5)");
            client.send("nonsense");
            assertThat((String) client.next(5)).isEqualTo(
                    "error DecodeException: no decoder of this endpoint will decode the text message");
            client.send("0,0");
            assertThat(client.next(5)).isEqualTo("(-1,-1)");
            assertThat(client.next(5)).isEqualTo("(-2,-2)");
            assertThat(client.next(5)).isEqualTo("(1,1)");
        }
        assertThat(CODEC_EVENTS.poll(5, TimeUnit.SECONDS)).isEqualTo("decoder init");
        assertThat(CODEC_EVENTS.poll(5, TimeUnit.SECONDS)).isEqualTo("decoder destroy");
    }

    @Test
    void exceptionsOfUserMethodsGoToOnError() throws Exception {
        try (JdkClient client = connect("/failing")) {
            client.send("x");
            assertThat(client.next(5)).isEqualTo("error IllegalStateException: boom on x");
        }
    }

    @Test
    void onCloseReceivesTheCloseReason() throws Exception {
        CLOSE_REASONS.clear();
        try (JdkClient client = connect("/closing")) {
            client.send("enough");
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(new JdkClient.Close(1003, "enough"));
        }
        CloseReason reason = CLOSE_REASONS.poll(5, TimeUnit.SECONDS);
        assertThat(reason).isNotNull();
        assertThat(reason.getCloseCode().getCode()).isEqualTo(1003);
    }

    @Test
    void maxMessageSizeClosesWithMessageTooBig() throws Exception {
        try (JdkClient client = connect("/limited")) {
            client.send("12345678");
            assertThat(client.next(5)).isEqualTo("12345678");
            client.send("123456789");
            assertThat(client.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1009);
        }
    }
}
