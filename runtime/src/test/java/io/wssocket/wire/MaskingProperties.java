package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The word-at-a-time masking equals the byte-by-byte XOR of RFC 6455 §5.3 in every buffer and split. */
class MaskingProperties {

    @Property(tries = 2000)
    void equalsTheByteByByteXorForEveryBufferAndSplit(
            @ForAll @Size(max = 100) byte[] payload,
            @ForAll @IntRange(min = 0, max = 3) int phase,
            @ForAll int key,
            @ForAll @IntRange(min = 0, max = 11) int offset,
            @ForAll boolean direct,
            @ForAll boolean littleEndian,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        ByteBuffer buf = buffer(offset, payload, direct, littleEndian);
        int from = offset;
        int end = offset + payload.length;

        int p = phase;
        for (int cut : sortedCuts(cuts, payload.length)) {
            p = Masking.mask(buf, from, offset + cut, key, p);
            from = offset + cut;
        }
        p = Masking.mask(buf, from, end, key, p);

        assertThat(contents(buf, offset, payload.length)).isEqualTo(referenceXor(payload, key, phase));
        assertThat(p).isEqualTo((phase + payload.length) % 4);
        assertThat(buf.get(end)).as("the guard byte after the range").isEqualTo((byte) 0x5A);
        if (offset > 0) {
            assertThat(buf.get(offset - 1)).as("the guard byte before the range").isEqualTo((byte) 0x5A);
        }
    }

    @Property(tries = 500)
    void maskingTwiceRestoresThePayload(
            @ForAll @Size(max = 100) byte[] payload,
            @ForAll @IntRange(min = 0, max = 3) int phase,
            @ForAll int key,
            @ForAll boolean direct,
            @ForAll boolean littleEndian) {
        ByteBuffer buf = buffer(0, payload, direct, littleEndian);

        Masking.mask(buf, 0, payload.length, key, phase);
        Masking.mask(buf, 0, payload.length, key, phase);

        assertThat(contents(buf, 0, payload.length)).isEqualTo(payload);
    }

    /** The payload at {@code offset}, with a 0x5A guard byte on each side. */
    private static ByteBuffer buffer(int offset, byte[] payload, boolean direct, boolean littleEndian) {
        int capacity = offset + payload.length + 1;
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        buf.order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < capacity; i++) {
            buf.put(i, (byte) 0x5A);
        }
        buf.put(offset, payload);
        return buf;
    }

    private static byte[] contents(ByteBuffer buf, int offset, int length) {
        byte[] out = new byte[length];
        buf.get(offset, out);
        return out;
    }

    private static byte[] referenceXor(byte[] payload, int key, int phase) {
        byte[] keyBytes = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
        byte[] out = payload.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= keyBytes[(phase + i) % 4];
        }
        return out;
    }

    private static List<Integer> sortedCuts(List<Integer> cuts, int length) {
        List<Integer> sorted = new ArrayList<>();
        cuts.forEach(c -> sorted.add(Math.min(c, length)));
        sorted.sort(null);
        return sorted;
    }
}
