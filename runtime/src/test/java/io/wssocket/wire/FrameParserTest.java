package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wssocket.wire.RawFrame.LengthForm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of RFC 6455 §5 that one frame header can break, and how payload is handed on. */
class FrameParserTest {
    private static final int KEY = 0x11223344;
    private static final long MAX = 1000;

    record Header(boolean fin, int rsv, int opcode, long length) {
    }

    record Chunk(String hex, boolean endOfFrame) {
    }

    /** Records headers and payload chunks; stops after {@code stopAfterChunks} chunks if set. */
    static final class Recorder implements FrameParser.Handler {
        final List<Object> log = new ArrayList<>();
        int stopAfterChunks = Integer.MAX_VALUE;
        int chunks;
        ByteBuffer lastChunk;

        @Override
        public void onFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
            log.add(new Header(fin, rsv, opcode, payloadLength));
        }

        @Override
        public boolean onFramePayload(ByteBuffer chunk, boolean endOfFrame) {
            byte[] b = new byte[chunk.remaining()];
            chunk.duplicate().get(b);
            log.add(new Chunk(HexFormat.of().formatHex(b), endOfFrame));
            lastChunk = chunk;
            return ++chunks < stopAfterChunks;
        }
    }

    private static FrameParser server() {
        return new FrameParser(true, MAX, 0);
    }

    private static FrameParser client() {
        return new FrameParser(false, MAX, 0);
    }

    private static Recorder parse(FrameParser parser, byte[] bytes) throws ProtocolViolationException {
        Recorder r = new Recorder();
        parser.parse(ByteBuffer.wrap(bytes), r);
        return r;
    }

    private static int closeCodeOf(FrameParser parser, byte[] bytes) {
        ProtocolViolationException e = catchThrowableOfType(ProtocolViolationException.class, () -> parse(parser, bytes));
        assertThat(e).as("the parser refuses the input").isNotNull();
        return e.closeCode();
    }

    private static byte[] payload(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    // ---- RFC 6455 §5.1: masking direction ----

    @Test
    void aServerFailsOnAnUnmaskedFrame() {
        assertThat(closeCodeOf(server(), RawFrame.text("hi").bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aServerFailsOnAnUnmaskedControlFrame() {
        assertThat(closeCodeOf(server(), RawFrame.ping(new byte[0]).bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aClientFailsOnAMaskedFrame() {
        assertThat(closeCodeOf(client(), RawFrame.text("hi").masked(KEY).bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aServerUnmasksAMaskedFrame() throws Exception {
        Recorder r = parse(server(), RawFrame.binary(payload(40)).masked(KEY).bytes());

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.BINARY, 40), new Chunk(hex(payload(40)), true));
    }

    @Test
    void aClientReadsAnUnmaskedFrame() throws Exception {
        Recorder r = parse(client(), RawFrame.binary(payload(40)).bytes());

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.BINARY, 40), new Chunk(hex(payload(40)), true));
    }

    @Test
    void theMaskingCheckNeedsOnlyTheFirstTwoBytes() {
        byte[] header = Arrays.copyOf(RawFrame.binary(payload(300)).bytes(), 2);

        assertThat(closeCodeOf(server(), header)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    // ---- RFC 6455 §5.2: reserved bits ----

    @ParameterizedTest(name = "rsv={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void failsOnReservedBitsWithoutAnExtension(int rsv) {
        assertThat(closeCodeOf(client(), RawFrame.text("x").rsv(rsv).bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void acceptsTheReservedBitsAnExtensionDefines() throws Exception {
        Recorder r = parse(new FrameParser(false, MAX, 4), RawFrame.text("x").rsv(4).bytes());

        assertThat(r.log).first().isEqualTo(new Header(true, 4, Opcode.TEXT, 1));
    }

    @Test
    void allowRsvWidensTheBitsAfterTheHandshake() throws Exception {
        FrameParser parser = client();
        assertThat(closeCodeOf(parser, RawFrame.text("x").rsv(4).bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);

        FrameParser widened = client();
        widened.allowRsv(4);
        assertThat(parse(widened, RawFrame.text("x").rsv(4).bytes()).log).first().isEqualTo(new Header(true, 4, Opcode.TEXT, 1));
        assertThat(closeCodeOf(widened, RawFrame.text("x").rsv(2).bytes())).as("RSV2 still undefined")
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    // ---- RFC 6455 §5.2: opcodes ----

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void failsOnAReservedOpcode(int opcode) {
        assertThat(closeCodeOf(client(), RawFrame.of(opcode, new byte[0]).bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(closeCodeOf(server(), RawFrame.of(opcode, payload(3)).masked(KEY).bytes()))
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY, Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void passesEveryDefinedOpcodeOn(int opcode) throws Exception {
        assertThat(parse(client(), RawFrame.of(opcode, new byte[0]).bytes()).log).first()
                .isEqualTo(new Header(true, 0, opcode, 0));
    }

    // ---- RFC 6455 §5.5: control frames ----

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void failsOnAControlFrameOver125Bytes(int opcode) {
        assertThat(closeCodeOf(client(), RawFrame.of(opcode, payload(126)).bytes())).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void failsOnAControlFrameUsingAnExtendedLengthForm(int opcode) {
        // The 7-bit length field reads 126 or 127 although the payload is small.
        assertThat(closeCodeOf(client(), RawFrame.of(opcode, payload(4)).form(LengthForm.SIXTEEN).bytes()))
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(closeCodeOf(client(), RawFrame.of(opcode, payload(4)).form(LengthForm.SIXTY_FOUR).bytes()))
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void acceptsAControlFrameOfExactly125Bytes() throws Exception {
        Recorder r = parse(client(), RawFrame.ping(payload(125)).bytes());

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.PING, 125), new Chunk(hex(payload(125)), true));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void failsOnAFragmentedControlFrame(int opcode) {
        assertThat(closeCodeOf(client(), RawFrame.of(opcode, payload(2)).fin(false).bytes()))
                .isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    // ---- RFC 6455 §5.2: payload length ----

    @Test
    void failsOnA64BitLengthWithTheHighBitSet() {
        byte[] frame = RawFrame.binary(new byte[0]).form(LengthForm.SIXTY_FOUR).declaredLength(0x8000000000000005L).bytes();

        assertThat(closeCodeOf(new FrameParser(false, Long.MAX_VALUE, 0), frame)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(closeCodeOf(client(), frame)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        byte[] allOnes = RawFrame.binary(new byte[0]).form(LengthForm.SIXTY_FOUR).declaredLength(-1L).bytes();
        assertThat(closeCodeOf(new FrameParser(false, Long.MAX_VALUE, 0), allOnes)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void failsOnAFrameOverTheLimitAsSoonAsItsHeaderArrives() {
        // Only the header: no payload has arrived when the limit is enforced.
        byte[] header = RawFrame.binary(new byte[0]).declaredLength(MAX + 1).bytes();
        assertThat(header).hasSize(4);

        assertThat(closeCodeOf(client(), header)).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        byte[] header64 = RawFrame.binary(new byte[0]).declaredLength(1L << 40).bytes();
        assertThat(closeCodeOf(client(), header64)).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        byte[] maskedHeader = RawFrame.binary(new byte[0]).declaredLength(MAX + 1).masked(KEY).bytes();
        assertThat(closeCodeOf(server(), maskedHeader)).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() throws Exception {
        Recorder r = parse(client(), RawFrame.binary(payload((int) MAX)).bytes());

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.BINARY, MAX), new Chunk(hex(payload((int) MAX)), true));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void parsesEachLengthForm(int length) throws Exception {
        FrameParser parser = new FrameParser(true, 1 << 20, 0);
        byte[] frame = RawFrame.binary(payload(length)).masked(KEY).bytes();
        int expectedHeader = 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
        assertThat(frame).hasSize(expectedHeader + length);

        Recorder r = parse(parser, frame);

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.BINARY, length), new Chunk(hex(payload(length)), true));
        assertThat(parser.isAtFrameBoundary()).isTrue();
    }

    @Test
    void acceptsLengthsInALongerFormThanNeeded() throws Exception {
        // RFC 6455 §5.2 asks senders for the minimal form; a longer one is still unambiguous.
        for (LengthForm form : new LengthForm[] {LengthForm.SIXTEEN, LengthForm.SIXTY_FOUR}) {
            Recorder r = parse(client(), RawFrame.binary(payload(5)).form(form).bytes());

            assertThat(r.log).as(form.name()).containsExactly(new Header(true, 0, Opcode.BINARY, 5), new Chunk(hex(payload(5)), true));
        }
    }

    // ---- delivery ----

    @Test
    void deliversOneEmptyChunkForAnEmptyFrame() throws Exception {
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY, Opcode.CONTINUATION, Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            Recorder unmasked = parse(client(), RawFrame.of(opcode, new byte[0]).bytes());
            Recorder masked = parse(server(), RawFrame.of(opcode, new byte[0]).masked(KEY).bytes());

            assertThat(unmasked.log).containsExactly(new Header(true, 0, opcode, 0), new Chunk("", true));
            assertThat(masked.log).containsExactly(new Header(true, 0, opcode, 0), new Chunk("", true));
        }
    }

    @Test
    void deliversAnEmptyFrameWhoseHeaderEndsTheInput() throws Exception {
        FrameParser parser = client();
        Recorder r = new Recorder();
        byte[] bytes = RawFrame.concat(RawFrame.binary(payload(3)).fin(false), RawFrame.continuation(new byte[0]));

        parser.parse(ByteBuffer.wrap(bytes, 0, 5), r);
        parser.parse(ByteBuffer.wrap(bytes, 5, 2), r);

        assertThat(r.log).containsExactly(new Header(false, 0, Opcode.BINARY, 3), new Chunk(hex(payload(3)), true),
                new Header(true, 0, Opcode.CONTINUATION, 0), new Chunk("", true));
    }

    @Test
    void unmasksEachFrameWithItsOwnKeyFromItsFirstByte() throws Exception {
        // The first frame ends mid-key (5 bytes); the second must start again at key byte 0.
        byte[] bytes = RawFrame.concat(RawFrame.binary(payload(5)).masked(KEY).fin(false),
                RawFrame.continuation(payload(7)).masked(0x55667788));

        Recorder r = parse(server(), bytes);

        assertThat(r.log).containsExactly(new Header(false, 0, Opcode.BINARY, 5), new Chunk(hex(payload(5)), true),
                new Header(true, 0, Opcode.CONTINUATION, 7), new Chunk(hex(payload(7)), true));
    }

    @Test
    void deliversPayloadAsItArrivesAndMarksOnlyTheLastChunk() throws Exception {
        FrameParser parser = server();
        byte[] frame = RawFrame.binary(payload(10)).masked(KEY).bytes();
        Recorder r = new Recorder();

        parser.parse(ByteBuffer.wrap(frame, 0, 9), r);
        parser.parse(ByteBuffer.wrap(frame, 9, 3), r);
        assertThat(parser.isAtFrameBoundary()).isFalse();
        parser.parse(ByteBuffer.wrap(frame, 12, 4), r);

        byte[] p = payload(10);
        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.BINARY, 10),
                new Chunk(hex(Arrays.copyOfRange(p, 0, 3)), false),
                new Chunk(hex(Arrays.copyOfRange(p, 3, 6)), false),
                new Chunk(hex(Arrays.copyOfRange(p, 6, 10)), true));
        assertThat(parser.isAtFrameBoundary()).isTrue();
    }

    @Test
    void parsesAHeaderSplitAtEveryByte() throws Exception {
        byte[] frame = RawFrame.binary(payload(300)).masked(KEY).bytes();
        for (int cut = 0; cut <= frame.length; cut++) {
            FrameParser parser = server();
            Recorder r = new Recorder();
            byte[] copy = frame.clone();

            parser.parse(ByteBuffer.wrap(copy, 0, cut), r);
            parser.parse(ByteBuffer.wrap(copy, cut, copy.length - cut), r);

            assertThat(r.log).as("cut at %d", cut).first().isEqualTo(new Header(true, 0, Opcode.BINARY, 300));
            StringBuilder all = new StringBuilder();
            r.log.stream().skip(1).forEach(c -> all.append(((Chunk) c).hex()));
            assertThat(all.toString()).as("cut at %d", cut).isEqualTo(hex(payload(300)));
        }
    }

    @Test
    void aHandlerReturningFalseStopsParsingAndLeavesTheRestUnread() throws Exception {
        FrameParser parser = client();
        byte[] first = RawFrame.binary(payload(4)).bytes();
        byte[] bytes = RawFrame.concat(RawFrame.binary(payload(4)), RawFrame.text("next"));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Recorder r = new Recorder();
        r.stopAfterChunks = 1;

        parser.parse(in, r);

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.BINARY, 4), new Chunk(hex(payload(4)), true));
        assertThat(in.position()).isEqualTo(first.length);
        assertThat(in.limit()).isEqualTo(bytes.length);

        r.stopAfterChunks = Integer.MAX_VALUE;
        parser.parse(in, r);
        assertThat(r.log).endsWith(new Header(true, 0, Opcode.TEXT, 4), new Chunk(hex("next".getBytes()), true));
    }

    @Test
    void aHandlerReturningFalseOnAnEmptyFrameLeavesTheNextFrameUnread() throws Exception {
        byte[] bytes = RawFrame.concat(RawFrame.ping(new byte[0]), RawFrame.text("next"));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Recorder r = new Recorder();
        r.stopAfterChunks = 1;

        client().parse(in, r);

        assertThat(r.log).containsExactly(new Header(true, 0, Opcode.PING, 0), new Chunk("", true));
        assertThat(in.position()).isEqualTo(2);
    }

    @Test
    void handsOnPayloadAsAWindowOntoTheInputNotACopy() throws Exception {
        byte[] bytes = RawFrame.binary(payload(50)).masked(KEY).bytes();
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length);
        Recorder r = new Recorder();

        server().parse(in, r);

        assertThat(r.lastChunk.array()).isSameAs(bytes);
        assertThat(Arrays.copyOfRange(bytes, 6, 56)).as("unmasked in place").isEqualTo(payload(50));
    }

    @Test
    void readsTheHeaderInNetworkByteOrderWhateverTheBufferOrder() throws Exception {
        // A little-endian input buffer must not change how lengths and the mask key are read.
        byte[] frame = RawFrame.binary(payload(300)).masked(KEY).bytes();
        for (int cut = 0; cut <= 12; cut++) {
            byte[] copy = frame.clone();
            Recorder r = new Recorder();
            FrameParser parser = server();

            parser.parse(ByteBuffer.wrap(copy, 0, cut).order(ByteOrder.LITTLE_ENDIAN), r);
            parser.parse(ByteBuffer.wrap(copy, cut, copy.length - cut).order(ByteOrder.LITTLE_ENDIAN), r);

            assertThat(r.log).as("cut at %d", cut).hasSize(2 + (cut > 8 ? 1 : 0));
            assertThat(r.log.get(0)).as("cut at %d", cut).isEqualTo(new Header(true, 0, Opcode.BINARY, 300));
            assertThat(Arrays.copyOfRange(copy, 8, copy.length)).as("cut at %d", cut).isEqualTo(payload(300));
        }
    }

    @Test
    void refusesALimitBelowTheControlFrameSize() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrameParser(true, 124, 0));
    }
}
