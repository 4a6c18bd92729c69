package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.3 masking: octet i of the payload is XORed with octet (i mod 4) of the key. */
class MaskingTest {
    private static final int RFC_KEY = 0x37FA213D;

    @Test
    void masksTheRfcExample() {
        // RFC 6455 §5.7: "Hello" masked with 37 fa 21 3d.
        ByteBuffer buf = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII));

        Masking.mask(buf, 0, 5, RFC_KEY, 0);

        assertThat(HexFormat.of().formatHex(buf.array())).isEqualTo("7f9f4d5158");
    }

    @Test
    void maskingTwiceRestoresThePayload() {
        byte[] original = "a payload longer than one eight-byte word".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.wrap(original.clone());

        Masking.mask(buf, 0, original.length, 0xDEADBEEF, 0);
        assertThat(buf.array()).isNotEqualTo(original);
        Masking.mask(buf, 0, original.length, 0xDEADBEEF, 0);

        assertThat(buf.array()).isEqualTo(original);
    }

    @Test
    void returnsThePhaseOfTheNextByte() {
        ByteBuffer buf = ByteBuffer.allocate(32);

        assertThat(Masking.mask(buf, 0, 0, RFC_KEY, 3)).isEqualTo(3);
        assertThat(Masking.mask(buf, 0, 5, RFC_KEY, 0)).isEqualTo(1);
        assertThat(Masking.mask(buf, 3, 20, RFC_KEY, 2)).isEqualTo((2 + 17) % 4);
        assertThat(Masking.mask(buf, 0, 16, RFC_KEY, 1)).isEqualTo(1);
    }

    @Test
    void aPhaseCarriesTheKeyAcrossChunks() {
        byte[] whole = "Hello".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.wrap(whole);

        int phase = Masking.mask(buf, 0, 2, RFC_KEY, 0);
        Masking.mask(buf, 2, 5, RFC_KEY, phase);

        assertThat(HexFormat.of().formatHex(whole)).isEqualTo("7f9f4d5158");
    }

    @Test
    void touchesOnlyTheGivenRangeAndNotPositionOrLimit() {
        ByteBuffer buf = ByteBuffer.allocate(30).position(4).limit(26);

        Masking.mask(buf, 5, 25, 0xFFFFFFFF, 0);

        assertThat(buf.get(4)).isZero();
        assertThat(buf.get(25)).isZero();
        for (int i = 5; i < 25; i++) {
            assertThat(buf.get(i)).as("byte %d", i).isEqualTo((byte) 0xFF);
        }
        assertThat(buf.position()).isEqualTo(4);
        assertThat(buf.limit()).isEqualTo(26);
    }

    @Test
    void givesTheSameBytesInLittleEndianAndDirectBuffers() {
        byte[] data = new byte[37];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        ByteBuffer heap = ByteBuffer.wrap(data.clone());
        ByteBuffer little = ByteBuffer.wrap(data.clone()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer direct = ByteBuffer.allocateDirect(37).put(data).flip();
        ByteBuffer directLittle = ByteBuffer.allocateDirect(37).order(ByteOrder.LITTLE_ENDIAN).put(data).flip();

        for (ByteBuffer buf : new ByteBuffer[] {heap, little, direct, directLittle}) {
            Masking.mask(buf, 1, 37, 0x01020304, 1);
        }

        byte[] expected = data.clone();
        for (int i = 1; i < 37; i++) {
            expected[i] ^= new byte[] {1, 2, 3, 4}[(i - 1 + 1) % 4];
        }
        for (ByteBuffer buf : new ByteBuffer[] {heap, little, direct, directLittle}) {
            byte[] out = new byte[37];
            buf.duplicate().clear().get(out);
            assertThat(out).isEqualTo(expected);
        }
    }
}
