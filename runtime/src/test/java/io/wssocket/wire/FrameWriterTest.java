package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.2 headers in the minimal length form, and frames the parser reads back. */
class FrameWriterTest {
    private static final int KEY = 0xA1B2C3D4;

    private static String header(boolean fin, int rsv, int opcode, long length, boolean masked, int key) {
        ByteBuffer out = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        FrameWriter.writeHeader(out, fin, rsv, opcode, length, masked, key);
        assertThat(out.position()).as("advanced by the header length").isEqualTo(FrameWriter.headerLength(length, masked));
        return HexFormat.of().formatHex(out.array(), 0, out.position());
    }

    private static byte[] payload(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 13 + 1);
        }
        return b;
    }

    @Test
    void headerLengthGrowsOnlyWhenTheLengthNeedsIt() {
        assertThat(FrameWriter.headerLength(0, false)).isEqualTo(2);
        assertThat(FrameWriter.headerLength(125, false)).isEqualTo(2);
        assertThat(FrameWriter.headerLength(126, false)).isEqualTo(4);
        assertThat(FrameWriter.headerLength(65535, false)).isEqualTo(4);
        assertThat(FrameWriter.headerLength(65536, false)).isEqualTo(10);
        assertThat(FrameWriter.headerLength(Long.MAX_VALUE, false)).isEqualTo(10);
        assertThat(FrameWriter.headerLength(0, true)).isEqualTo(6);
        assertThat(FrameWriter.headerLength(65536, true)).isEqualTo(14);
    }

    @Test
    void usesTheSevenBitFormUpTo125() {
        assertThat(header(true, 0, Opcode.TEXT, 0, false, 0)).isEqualTo("8100");
        assertThat(header(true, 0, Opcode.TEXT, 125, false, 0)).isEqualTo("817d");
    }

    @Test
    void usesTheSixteenBitFormFrom126To65535() {
        assertThat(header(true, 0, Opcode.BINARY, 126, false, 0)).isEqualTo("827e007e");
        assertThat(header(true, 0, Opcode.BINARY, 65535, false, 0)).isEqualTo("827effff");
    }

    @Test
    void usesTheSixtyFourBitFormFrom65536() {
        assertThat(header(true, 0, Opcode.BINARY, 65536, false, 0)).isEqualTo("827f0000000000010000");
        assertThat(header(true, 0, Opcode.BINARY, 0x0123456789ABCDEFL, false, 0)).isEqualTo("827f0123456789abcdef");
    }

    @Test
    void writesFinRsvOpcodeAndTheMaskKey() {
        assertThat(header(false, 0, Opcode.CONTINUATION, 3, false, 0)).isEqualTo("0003");
        assertThat(header(true, 4, Opcode.TEXT, 3, false, 0)).isEqualTo("c103");
        assertThat(header(true, 7, Opcode.PING, 3, false, 0)).isEqualTo("f903");
        assertThat(header(true, 0, Opcode.CLOSE, 2, true, KEY)).isEqualTo("8882a1b2c3d4");
        assertThat(header(true, 0, Opcode.BINARY, 300, true, KEY)).isEqualTo("82fe012ca1b2c3d4");
    }

    @Test
    void writesNetworkByteOrderIntoALittleEndianBuffer() {
        ByteBuffer out = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

        FrameWriter.writeHeader(out, true, 0, Opcode.BINARY, 65536, true, KEY);

        assertThat(HexFormat.of().formatHex(out.array(), 0, out.position())).isEqualTo("82ff0000000000010000a1b2c3d4");
    }

    @Test
    void buildsTheSameBytesAsAFrameWrittenByHand() {
        byte[] p = payload(300);

        assertThat(FrameWriter.unmaskedFrame(true, Opcode.BINARY, ByteBuffer.wrap(p)).array())
                .isEqualTo(RawFrame.binary(p).bytes());
        assertThat(FrameWriter.maskedFrame(false, Opcode.TEXT, ByteBuffer.wrap(p), KEY).array())
                .isEqualTo(RawFrame.of(Opcode.TEXT, p).fin(false).masked(KEY).bytes());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536})
    void unmaskedFramesRoundTripThroughAClientParser(int length) throws Exception {
        byte[] p = payload(length);
        ByteBuffer frame = FrameWriter.unmaskedFrame(true, Opcode.BINARY, ByteBuffer.wrap(p));

        assertThat(parsedPayload(new FrameParser(false, 1 << 20, 0), frame)).isEqualTo(p);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536})
    void maskedFramesRoundTripThroughAServerParser(int length) throws Exception {
        byte[] p = payload(length);
        ByteBuffer frame = FrameWriter.maskedFrame(true, Opcode.BINARY, ByteBuffer.wrap(p), KEY);

        assertThat(parsedPayload(new FrameParser(true, 1 << 20, 0), frame)).isEqualTo(p);
    }

    @Test
    void leavesTheSourcePayloadAlone() {
        byte[] p = payload(20);
        ByteBuffer source = ByteBuffer.wrap(p.clone()).position(3);

        ByteBuffer frame = FrameWriter.maskedFrame(true, Opcode.BINARY, source, KEY);

        assertThat(source.position()).isEqualTo(3);
        assertThat(source.array()).isEqualTo(p);
        assertThat(frame.remaining()).as("only the bytes from the position on").isEqualTo(6 + 17);
        assertThat(frame.position()).isZero();
    }

    private static byte[] parsedPayload(FrameParser parser, ByteBuffer frame) throws ProtocolViolationException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean[] ended = {false};
        parser.parse(frame, new FrameParser.Handler() {
            @Override
            public void onFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
                assertThat(fin).isTrue();
                assertThat(opcode).isEqualTo(Opcode.BINARY);
            }

            @Override
            public boolean onFramePayload(ByteBuffer chunk, boolean endOfFrame) {
                byte[] b = new byte[chunk.remaining()];
                chunk.duplicate().get(b);
                out.writeBytes(b);
                ended[0] = endOfFrame;
                return true;
            }
        });
        assertThat(ended[0]).as("the frame ended").isTrue();
        assertThat(frame.hasRemaining()).isFalse();
        return out.toByteArray();
    }
}
