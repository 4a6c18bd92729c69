package io.wssocket.wire;

import static io.wssocket.test.Bytes.bytes;
import static io.wssocket.test.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wssocket.wire.MessageRecorder.Binary;
import io.wssocket.wire.MessageRecorder.Close;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.Failure;
import io.wssocket.wire.MessageRecorder.Ping;
import io.wssocket.wire.MessageRecorder.Pong;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.MessageRecorder.Text;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of RFC 6455 §5.4-§5.6 and §7 that span frames, as a client reading a server. */
class WebSocketReaderTest {
    private static final ReaderConfig CLIENT = ReaderConfig.CLIENT;

    private static List<Event> read(RawFrame... frames) {
        return MessageRecorder.read(CLIENT, RawFrame.concat(frames)).events();
    }

    private static byte[] closeBody(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return body;
    }

    // ---- messages ----

    @Test
    void deliversWholeTextAndBinaryMessages() {
        assertThat(read(RawFrame.text("h\u00e9llo \uD83D\uDE00"), RawFrame.binary(bytes(1, 2, 3))))
                .containsExactly(new Text("h\u00e9llo \uD83D\uDE00"), Binary.of(bytes(1, 2, 3)));
    }

    @Test
    void joinsFragmentsIntoOneMessage() {
        assertThat(read(RawFrame.text("frag").fin(false), RawFrame.continuation(utf8("men")).fin(false),
                RawFrame.continuation(utf8("ted"))))
                .containsExactly(new Text("fragmented"));
    }

    @Test
    void deliversEmptyMessagesAndEmptyFragments() {
        assertThat(read(RawFrame.text(""), RawFrame.binary(new byte[0]),
                RawFrame.binary(new byte[0]).fin(false), RawFrame.continuation(new byte[0]).fin(false),
                RawFrame.continuation(bytes(9)).fin(false), RawFrame.continuation(new byte[0])))
                .containsExactly(new Text(""), Binary.of(new byte[0]), Binary.of(bytes(9)));
    }

    @Test
    void marksTheFirstAndLastPiecesOfAMessage() throws Exception {
        List<String> pieces = new ArrayList<>();
        WebSocketReader reader = new WebSocketReader(new FrameParser(false, 1000, 0), 1000, new Adapter() {
            @Override
            public void onBinary(ByteBuffer chunk, boolean first, boolean last) {
                pieces.add(chunk.remaining() + (first ? " first" : "") + (last ? " last" : ""));
            }
        });
        byte[] bytes = RawFrame.concat(RawFrame.binary(bytes(1, 2, 3)).fin(false), RawFrame.continuation(bytes(4, 5)));

        reader.read(ByteBuffer.wrap(bytes, 0, 4));
        reader.read(ByteBuffer.wrap(bytes, 4, bytes.length - 4));

        assertThat(pieces).containsExactly("2 first", "1", "2 last");
        assertThat(reader.isInsideMessage()).isFalse();
    }

    @Test
    void knowsWhenAFragmentedMessageIsUnfinished() throws Exception {
        WebSocketReader reader = new WebSocketReader(new FrameParser(false, 1000, 0), 1000, new Adapter());

        reader.read(ByteBuffer.wrap(RawFrame.binary(bytes(1)).fin(false).bytes()));
        assertThat(reader.isInsideMessage()).isTrue();
        reader.read(ByteBuffer.wrap(RawFrame.continuation(bytes(2)).bytes()));
        assertThat(reader.isInsideMessage()).isFalse();
    }

    @Test
    void knowsWhenThePeerOwesTheRestOfAFrameOrMessageAndWhetherDataMoved() throws Exception {
        WebSocketReader reader = new WebSocketReader(new FrameParser(false, 1000, 0), 1000, new Adapter());
        byte[] frame = RawFrame.binary(bytes(1, 2, 3)).fin(false).bytes();
        assertThat(reader.isInsideFrameOrMessage()).isFalse();

        reader.read(ByteBuffer.wrap(frame, 0, 1)); // half a header
        assertThat(reader.isInsideFrameOrMessage()).isTrue();
        long before = reader.dataProgress();
        reader.read(ByteBuffer.wrap(frame, 1, 2)); // the header and one payload byte
        assertThat(reader.dataProgress()).isGreaterThan(before);
        reader.read(ByteBuffer.wrap(frame, 3, frame.length - 3));
        assertThat(reader.isInsideFrameOrMessage()).as("between fragments").isTrue();

        before = reader.dataProgress();
        reader.read(ByteBuffer.wrap(RawFrame.ping(bytes(7)).bytes()));
        assertThat(reader.dataProgress()).as("a ping is no progress with the message").isEqualTo(before);
        reader.read(ByteBuffer.wrap(RawFrame.continuation(bytes(4)).bytes()));
        assertThat(reader.isInsideFrameOrMessage()).isFalse();
    }

    // ---- RFC 6455 §10.4: frames per message ----

    @Test
    void tenThousandEmptyContinuationsAreRefusedWith1009AtTheDefaultLimit() throws Exception {
        List<Integer> codes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        WebSocketReader reader = new WebSocketReader(new FrameParser(false, 1000, 0), 1000, new Adapter());
        byte[] empty = RawFrame.continuation(new byte[0]).fin(false).bytes();
        try {
            reader.read(ByteBuffer.wrap(RawFrame.text("a").fin(false).bytes()));
            for (int i = 0; i < 10_000; i++) {
                reader.read(ByteBuffer.wrap(empty.clone()));
            }
        } catch (ProtocolViolationException e) {
            codes.add(e.closeCode());
            reasons.add(e.getMessage());
        }
        assertThat(codes).containsExactly(CloseCodes.MESSAGE_TOO_BIG);
        assertThat(reasons.get(0)).contains(String.valueOf(WebSocketReader.DEFAULT_MAX_FRAMES_PER_MESSAGE))
                .contains("max-frames-per-message");
        assertThat(reasons.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("fits a close frame").isLessThanOrEqualTo(123);
    }

    // ---- RFC 6455 §5.4: fragmentation ----

    @Test
    void failsOnAContinuationWithoutAMessage() {
        assertThat(read(RawFrame.continuation(utf8("x")))).containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
        assertThat(read(RawFrame.text("done"), RawFrame.continuation(utf8("x")).fin(false)))
                .containsExactly(new Text("done"), new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void failsOnANewMessageInsideAFragmentedOne() {
        assertThat(read(RawFrame.text("a").fin(false), RawFrame.text("b")))
                .containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
        assertThat(read(RawFrame.binary(bytes(1)).fin(false), RawFrame.text("b").fin(false)))
                .containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
        assertThat(read(RawFrame.text("a").fin(false), RawFrame.binary(bytes(1))))
                .containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void acceptsControlFramesBetweenTheFragmentsOfAMessage() {
        // RFC 6455 §5.4: control frames may be injected in the middle of a fragmented message.
        assertThat(read(RawFrame.text("he").fin(false), RawFrame.ping(bytes(1)), RawFrame.continuation(utf8("l")).fin(false),
                RawFrame.of(Opcode.PONG, bytes(2)), RawFrame.continuation(utf8("lo"))))
                .containsExactly(Ping.of(bytes(1)), Pong.of(bytes(2)), new Text("hello"));
    }

    @Test
    void acceptsACloseBetweenTheFragmentsOfAMessage() {
        assertThat(read(RawFrame.text("he").fin(false), RawFrame.close(1001, "bye"), RawFrame.continuation(utf8("llo"))))
                .containsExactly(new Close(1001, "bye"));
    }

    // ---- RFC 6455 §8.1: UTF-8 of text messages ----

    @Test
    void failsOnInvalidUtf8InATextMessage() {
        assertThat(read(RawFrame.of(Opcode.TEXT, bytes('a', 0xC0, 0x80))))
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void failsOnInvalidUtf8SplitAcrossFragments() {
        // E0 is a fine lead byte; 80 after it would be an overlong form.
        assertThat(read(RawFrame.of(Opcode.TEXT, bytes('a', 0xE0)).fin(false), RawFrame.continuation(bytes(0x80, 0x80))))
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void acceptsACharacterSplitAcrossFragments() {
        byte[] euro = utf8("\u20ac");
        assertThat(read(RawFrame.of(Opcode.TEXT, Arrays.copyOf(euro, 1)).fin(false),
                RawFrame.continuation(Arrays.copyOfRange(euro, 1, 2)).fin(false),
                RawFrame.continuation(Arrays.copyOfRange(euro, 2, 3))))
                .containsExactly(new Text("\u20ac"));
    }

    @Test
    void failsAtTheFirstBadByteBeforeLaterPiecesAreDelivered() throws Exception {
        List<String> delivered = new ArrayList<>();
        WebSocketReader reader = new WebSocketReader(new FrameParser(false, 1000, 0), 1000, new Adapter() {
            @Override
            public void onText(ByteBuffer chunk, boolean first, boolean last) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                delivered.add(new String(b, StandardCharsets.UTF_8));
            }
        });
        // One 12-byte frame, fed in three pieces: the bad byte is in the second.
        byte[] frame = RawFrame.of(Opcode.TEXT, bytes('g', 'o', 'o', 'd', 'b', 0xFF, 'd', '!', 'm', 'o', 'r', 'e')).bytes();

        reader.read(ByteBuffer.wrap(frame, 0, 6));
        ProtocolViolationException e = catchThrowableOfType(ProtocolViolationException.class,
                () -> reader.read(ByteBuffer.wrap(frame, 6, 4)));

        assertThat(e.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        assertThat(delivered).containsExactly("good");
    }

    @Test
    void failsOnATextMessageEndingInsideACharacter() {
        assertThat(read(RawFrame.of(Opcode.TEXT, bytes('a', 0xE2, 0x82))))
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
        assertThat(read(RawFrame.of(Opcode.TEXT, bytes('a', 0xF0)).fin(false), RawFrame.continuation(new byte[0])))
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void doesNotCheckUtf8InBinaryMessages() {
        assertThat(read(RawFrame.binary(bytes(0xFF, 0xC0, 0x80, 0xE2))))
                .containsExactly(Binary.of(bytes(0xFF, 0xC0, 0x80, 0xE2)));
    }

    @Test
    void keepsBinaryBytesAwayFromTheTextValidator() {
        // A truncated character in a binary message must not leak into the next text message.
        assertThat(read(RawFrame.binary(bytes(0xE2)), RawFrame.text("ok"), RawFrame.text("\u00e9")))
                .containsExactly(Binary.of(bytes(0xE2)), new Text("ok"), new Text("\u00e9"));
    }

    // ---- RFC 6455 §5.5.1 and §7.4: close frames ----

    @Test
    void givesNoStatusForAnEmptyClose() {
        assertThat(read(RawFrame.of(Opcode.CLOSE, new byte[0]))).containsExactly(new Close(CloseCodes.NO_STATUS, ""));
    }

    @Test
    void readsTheCodeAndReasonOfAClose() {
        assertThat(read(RawFrame.close(4321, "d\u00e9j\u00e0 vu"))).containsExactly(new Close(4321, "d\u00e9j\u00e0 vu"));
    }

    @Test
    void failsOnAOneByteClosePayload() {
        assertThat(read(RawFrame.of(Opcode.CLOSE, bytes(0x03)))).containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void failsOnACloseCodeThatMayNotBeSent(int code) {
        assertThat(read(RawFrame.close(code, ""))).containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
        assertThat(read(RawFrame.close(code, "why"))).containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void acceptsEveryCloseCodeThatMayBeSent(int code) {
        assertThat(read(RawFrame.close(code, "r"))).containsExactly(new Close(code, "r"));
    }

    @Test
    void failsOnACloseReasonThatIsNotUtf8() {
        assertThat(read(RawFrame.of(Opcode.CLOSE, closeBody(1000, bytes('o', 0xFF)))))
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
        assertThat(read(RawFrame.of(Opcode.CLOSE, closeBody(1000, bytes('o', 0xE2, 0x82)))))
                .as("reason ending inside a character").containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void processesNothingAfterAClose() throws Exception {
        MessageRecorder recorder = new MessageRecorder();
        WebSocketReader reader = new WebSocketReader(new FrameParser(false, 1000, 0), 1000, recorder);
        // After the close: a frame, a reserved opcode and garbage, none of which may be looked at.
        byte[] bytes = RawFrame.concat(RawFrame.text("before"), RawFrame.close(1000, ""), RawFrame.text("after"),
                RawFrame.of(5, new byte[0]));
        ByteBuffer in = ByteBuffer.wrap(bytes);

        reader.read(in);
        reader.read(ByteBuffer.wrap(bytes(0xFF, 0xFF, 0xFF)));

        assertThat(recorder.events()).containsExactly(new Text("before"), new Close(1000, ""));
        assertThat(reader.isCloseReceived()).isTrue();
        assertThat(in.hasRemaining()).as("the rest is consumed and dropped").isFalse();
    }

    @Test
    void gathersAControlFrameThatArrivesInPieces() {
        byte[] frame = RawFrame.close(1001, "going away now").bytes();
        for (int cut = 0; cut <= frame.length; cut++) {
            List<Event> events = MessageRecorder.read(CLIENT, frame, List.of(cut)).events();

            assertThat(events).as("cut at %d", cut).containsExactly(new Close(1001, "going away now"));
        }
    }

    @Test
    void readsTheCloseCodeInNetworkByteOrderWhateverTheBufferOrder() {
        byte[] frame = RawFrame.close(1001, "").bytes();

        List<Event> events = MessageRecorder.read(CLIENT, frame, List.of(), false, ByteOrder.LITTLE_ENDIAN).events();

        assertThat(events).containsExactly(new Close(1001, ""));
    }

    // ---- limits ----

    @Test
    void failsOnAMessageOverTheLimit() {
        ReaderConfig config = CLIENT.maxMessageSize(10);

        assertThat(MessageRecorder.read(config, RawFrame.binary(new byte[10]).bytes()).events())
                .containsExactly(Binary.of(new byte[10]));
        assertThat(MessageRecorder.read(config, RawFrame.binary(new byte[11]).bytes()).events())
                .containsExactly(new Failure(CloseCodes.MESSAGE_TOO_BIG));
    }

    @Test
    void failsOnAMessageThatCrossesTheLimitOnlyAcrossFragments() {
        ReaderConfig config = CLIENT.maxMessageSize(10);
        byte[] bytes = RawFrame.concat(RawFrame.text("123456").fin(false), RawFrame.ping(new byte[0]),
                RawFrame.continuation(utf8("7890")).fin(false), RawFrame.continuation(utf8("X")));

        assertThat(MessageRecorder.read(config, bytes).events())
                .containsExactly(Ping.of(new byte[0]), new Failure(CloseCodes.MESSAGE_TOO_BIG));
    }

    @Test
    void enforcesTheMessageLimitBeforeThePayloadArrives() {
        byte[] header = RawFrame.binary(new byte[0]).declaredLength(11).bytes();

        assertThat(MessageRecorder.read(CLIENT.maxMessageSize(10), header).events())
                .containsExactly(new Failure(CloseCodes.MESSAGE_TOO_BIG));
    }

    @Test
    void countsEachMessageOnItsOwn() {
        ReaderConfig config = CLIENT.maxMessageSize(10);
        byte[] bytes = RawFrame.concat(RawFrame.binary(new byte[10]), RawFrame.binary(new byte[6]).fin(false),
                RawFrame.continuation(new byte[4]));

        assertThat(MessageRecorder.read(config, bytes).events()).containsExactly(Binary.of(new byte[10]), Binary.of(new byte[10]));
    }

    @Test
    void doesNotCountControlFramesTowardsTheMessageLimit() {
        ReaderConfig config = CLIENT.maxMessageSize(10);
        byte[] bytes = RawFrame.concat(RawFrame.binary(new byte[5]).fin(false), RawFrame.ping(new byte[100]),
                RawFrame.continuation(new byte[5]));

        assertThat(MessageRecorder.read(config, bytes).events()).containsExactly(Ping.of(new byte[100]), Binary.of(new byte[10]));
    }

    /** A listener that ignores everything. */
    static class Adapter implements WebSocketReader.Listener {
        @Override
        public void onText(ByteBuffer chunk, boolean first, boolean last) {
        }

        @Override
        public void onBinary(ByteBuffer chunk, boolean first, boolean last) {
        }

        @Override
        public void onPing(ByteBuffer payload) {
        }

        @Override
        public void onPong(ByteBuffer payload) {
        }

        @Override
        public void onClose(int code, String reason) {
        }
    }
}
