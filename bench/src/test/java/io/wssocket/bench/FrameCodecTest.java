package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The load driver's frame encoder and incremental decoder, as a pure codec: bytes in, frames out. */
class FrameCodecTest {

    private static final byte[] KEY = {0x37, (byte) 0xFA, 0x21, 0x3D};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64, 125, 126, 127, 1000, 65535, 65536, 70000})
    void maskedFrameRoundTripsThroughTheDecoder(int length) throws Exception {
        byte[] payload = randomBytes(length, length);

        byte[] frame = FrameEncoder.frame(true, Opcode.BINARY, payload, KEY);

        int header = FrameEncoder.headerLength(length, true);
        assertThat(frame).hasSize(header + length);
        assertThat(frame[1] & 0x80).as("mask bit").isEqualTo(0x80);
        assertThat(java.util.Arrays.copyOfRange(frame, header - 4, header)).as("masking key").isEqualTo(KEY);
        for (int i = 0; i < length; i++) {
            // RFC 6455 §5.3: octet i is XORed with key octet i mod 4
            assertThat(frame[header + i]).isEqualTo((byte) (payload[i] ^ KEY[i & 3]));
        }
        assertThat(decode(frame, true, frame.length)).containsExactly(new Frame(true, Opcode.BINARY, hex(payload)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 64, 125, 126, 1000, 16384, 65536})
    void aFrameMaskedEightBytesAtATimeIsTheSameAsOneMaskedByteByByte(int length) throws Exception {
        byte[] payload = randomBytes(length, length + 1);
        for (java.nio.ByteOrder order : List.of(java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN)) {
            ByteBuffer out = ByteBuffer.allocate(FrameEncoder.headerLength(length, true) + length + 3).order(order);
            out.put(new byte[3]); // not at the buffer's start: the words are not aligned to it
            FrameEncoder.writeMaskedFrame(out, false, Opcode.BINARY, payload, length, KEY);
            byte[] written = java.util.Arrays.copyOfRange(out.array(), 3, out.position());
            assertThat(written).as("%s", order).isEqualTo(FrameEncoder.frame(true, Opcode.BINARY, payload, KEY));
        }
    }

    @Test
    void eachFrameGetsAFreshKeyThatIsNeverZero() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        java.util.Set<String> seen = new java.util.HashSet<>();
        byte[] key = new byte[4];
        for (int i = 0; i < 1000; i++) {
            FrameEncoder.nextMaskKey(random, key);
            assertThat(key).isNotEqualTo(new byte[4]);
            seen.add(hex(key));
        }
        assertThat(seen).as("distinct keys in 1,000 frames").hasSizeGreaterThan(990);
    }

    @Test
    void lengthUsesTheShortestOfTheThreeForms() {
        // RFC 6455 §5.2: 7-bit up to 125, 16-bit up to 65535, 64-bit beyond
        assertThat(header(125)).isEqualTo("827d");
        assertThat(header(126)).isEqualTo("827e007e");
        assertThat(header(65535)).isEqualTo("827effff");
        assertThat(header(65536)).isEqualTo("827f0000000000010000");
        assertThat(FrameEncoder.headerLength(125, false)).isEqualTo(2);
        assertThat(FrameEncoder.headerLength(126, true)).isEqualTo(8);
        assertThat(FrameEncoder.headerLength(65536, true)).isEqualTo(14);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 125, 126, 65535, 65536})
    void decodesUnmaskedServerFramesOfEachLengthForm(int length) throws Exception {
        byte[] payload = randomBytes(length, 7);
        byte[] frame = FrameEncoder.frame(true, Opcode.BINARY, payload, null);

        assertThat(frame[1] & 0x80).as("mask bit").isZero();
        assertThat(decode(frame, false, frame.length)).containsExactly(new Frame(true, Opcode.BINARY, hex(payload)));
    }

    @Test
    void sameFramesWhateverTheSplitOfTheInput() throws Exception {
        byte[] stream = concat(
                FrameEncoder.frame(true, Opcode.TEXT, "hello".getBytes(), KEY),
                FrameEncoder.frame(false, Opcode.BINARY, randomBytes(200, 1), KEY),
                FrameEncoder.frame(true, Opcode.PING, "p".getBytes(), KEY),
                FrameEncoder.frame(true, Opcode.CONTINUATION, randomBytes(70000, 2), KEY),
                FrameEncoder.frame(true, Opcode.TEXT, new byte[0], KEY));
        List<Frame> whole = decode(stream, true, stream.length);
        assertThat(whole).extracting(Frame::opcode)
                .containsExactly(Opcode.TEXT, Opcode.BINARY, Opcode.PING, Opcode.CONTINUATION, Opcode.TEXT);

        // every two-part split within the headers and the first frames, then byte by byte, then random chunks
        for (int split = 1; split < 400; split++) {
            assertThat(decodeSplitAt(stream, true, split)).as("split at %d", split).isEqualTo(whole);
        }
        assertThat(decode(stream, true, 1)).isEqualTo(whole);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            assertThat(decodeRandomChunks(stream, true, random)).isEqualTo(whole);
        }
    }

    @Test
    void rejectsFramesARfc6455PeerMustNotSend() {
        // §5.1: a server's frames are unmasked, a client's masked
        assertThatThrownBy(() -> decode(FrameEncoder.frame(true, Opcode.TEXT, new byte[1], KEY), false, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("masked frame from a server");
        assertThatThrownBy(() -> decode(FrameEncoder.frame(true, Opcode.TEXT, new byte[1], null), true, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unmasked frame from a client");
        // §5.2: no extension, so no RSV bits; unknown opcodes
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0xC1, 0x00}, false, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("RSV");
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0x83, 0x00}, false, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("opcode");
        // §5.5: control frames are short and not fragmented
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0x89, 0x7E, 0x00, 0x7E}, false, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("control frame");
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0x09, 0x00}, false, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("control frame");
        // §5.2: the 64-bit length has its most significant bit clear
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0x82, 0x7F, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, false, 100))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("most significant bit");
    }

    @Test
    void textEchoPayloadIsAsciiAndCarriesSequenceAndConnection() {
        EchoPayload text = new EchoPayload(64, true);
        byte[] template = text.template(0x2a);
        text.writeSequence(0x1234, template, 0);

        String s = new String(template, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(s).hasSize(64).startsWith("0000000000001234" + "0000002a").matches("[0-9a-z]+");

        EchoPayload tiny = new EchoPayload(3, false);
        byte[] b = tiny.template(9);
        tiny.writeSequence(0x01020304L, b, 0);
        assertThat(b).containsExactly(0x02, 0x03, 0x04);
    }

    @Test
    void acceptKeyIsTheRfcExample() {
        // RFC 6455 §1.3
        assertThat(ClientHandshake.expectedAccept("dGhlIHNhbXBsZSBub25jZQ=="))
                .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    record Frame(boolean fin, int opcode, String payloadHex) {
    }

    /** Collects frames as the decoder reports them, joining a frame's payload chunks. */
    private static final class Collector implements FrameDecoder.Handler {
        final List<Frame> frames = new ArrayList<>();
        final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        boolean fin;
        int opcode;
        long expectedLength;

        @Override
        public void frameStart(boolean fin, int opcode, long payloadLength) {
            this.fin = fin;
            this.opcode = opcode;
            this.expectedLength = payloadLength;
            payload.reset();
        }

        @Override
        public void payload(ByteBuffer chunk) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            payload.writeBytes(b);
        }

        @Override
        public void frameEnd() {
            assertThat(payload.size()).isEqualTo(expectedLength);
            frames.add(new Frame(fin, opcode, hex(payload.toByteArray())));
        }
    }

    /** Feeds a copy of {@code bytes} in chunks of {@code chunk} bytes (the decoder unmasks in place). */
    private static List<Frame> decode(byte[] bytes, boolean masked, int chunk) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(masked);
        Collector collector = new Collector();
        byte[] copy = bytes.clone();
        for (int at = 0; at < copy.length; at += chunk) {
            decoder.feed(ByteBuffer.wrap(copy, at, Math.min(chunk, copy.length - at)), collector);
        }
        return collector.frames;
    }

    private static List<Frame> decodeSplitAt(byte[] bytes, boolean masked, int split) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(masked);
        Collector collector = new Collector();
        byte[] copy = bytes.clone();
        decoder.feed(ByteBuffer.wrap(copy, 0, split), collector);
        decoder.feed(ByteBuffer.wrap(copy, split, copy.length - split), collector);
        return collector.frames;
    }

    private static List<Frame> decodeRandomChunks(byte[] bytes, boolean masked, Random random) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(masked);
        Collector collector = new Collector();
        byte[] copy = bytes.clone();
        int at = 0;
        while (at < copy.length) {
            int n = Math.min(1 + random.nextInt(random.nextBoolean() ? 16 : 20000), copy.length - at);
            // a fresh buffer per read, as a socket read would give, positioned at zero
            ByteBuffer read = ByteBuffer.allocate(n).put(copy, at, n).flip();
            decoder.feed(read, collector);
            assertThat(read.hasRemaining()).isFalse();
            at += n;
        }
        return collector.frames;
    }

    private static String header(int length) {
        byte[] frame = FrameEncoder.frame(true, Opcode.BINARY, new byte[length], null);
        return hex(java.util.Arrays.copyOf(frame, FrameEncoder.headerLength(length, false)));
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
