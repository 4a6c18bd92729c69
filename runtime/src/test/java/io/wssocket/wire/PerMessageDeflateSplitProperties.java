package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.wire.MessageRecorder.Binary;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.Ping;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.MessageRecorder.Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Compressed messages (RFC 7692 §7.2.2) of any size, in one frame or several, with a ping between
 * the fragments, arrive whole for every way their bytes can be split in two: the reader inflates
 * each piece as it comes, appends the removed tail at the end, and gives the inflater back to the
 * pool after the message.
 */
class PerMessageDeflateSplitProperties {
    private static final ReaderConfig SERVER = new ReaderConfig(true, 1 << 20, 1 << 20, 0);
    private static final ReaderConfig CLIENT = new ReaderConfig(false, 1 << 20, 1 << 20, 0);

    private static byte[] frames(int opcode, byte[] compressed, int fragments, boolean server, boolean ping) {
        List<RawFrame> out = new ArrayList<>();
        List<byte[]> parts = DeflateTestData.split(compressed, fragments);
        for (int i = 0; i < parts.size(); i++) {
            // RFC 7692 §6.1: RSV1 on the first frame only.
            RawFrame f = (i == 0 ? RawFrame.of(opcode, parts.get(i)).rsv(4) : RawFrame.continuation(parts.get(i)))
                    .fin(i == parts.size() - 1);
            out.add(f.maskedIf(server, 0x3141_5926 + i));
            if (ping && i == 0 && parts.size() > 1) {
                out.add(RawFrame.ping(new byte[] {7}).maskedIf(server, 0x2718_2818));
            }
        }
        return RawFrame.concat(out);
    }

    private static void assertEveryCut(boolean server, byte[] bytes, List<Event> expected) {
        ZlibPool pool = new ZlibPool(6, 2);
        for (int cut = 0; cut <= bytes.length; cut++) {
            MessageRecorder r = MessageRecorder.readInflating(server ? SERVER : CLIENT, pool, false, bytes, List.of(cut));
            assertThat(r.events()).as("cut at %d", cut).isEqualTo(expected);
            assertThat(pool.outstanding()).as("inflaters held after the message, cut at %d", cut).isZero();
        }
    }

    @Property(tries = 60)
    void compressedTextArrivesWholeForEverySplit(
            @ForAll @StringLength(max = 1500) @Chars({'a', 'b', ' ', 'é', '€', '\n'}) String text,
            @ForAll @IntRange(min = 1, max = 4) int fragments,
            @ForAll boolean finalBlock, @ForAll boolean server, @ForAll boolean ping) {
        byte[] compressed = DeflateTestData.compress(text.getBytes(StandardCharsets.UTF_8), finalBlock);
        List<Event> expected = new ArrayList<>();
        if (ping && fragments > 1) {
            expected.add(Ping.of(new byte[] {7}));
        }
        expected.add(new Text(text));
        assertEveryCut(server, frames(Opcode.TEXT, compressed, fragments, server, ping), expected);
    }

    @Property(tries = 60)
    void compressedBinaryArrivesWholeForEverySplit(
            @ForAll @Size(max = 1500) List<@IntRange(min = 0, max = 5) Integer> symbols,
            @ForAll @IntRange(min = 1, max = 4) int fragments, @ForAll boolean server) {
        byte[] data = new byte[symbols.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (symbols.get(i) * 37);
        }
        byte[] compressed = DeflateTestData.compress(data, false);
        assertEveryCut(server, frames(Opcode.BINARY, compressed, fragments, server, false), List.of(Binary.of(data)));
    }

    /** What this side's MessageDeflater sends, whole or in fragments, the reader takes back (for every split). */
    @Property(tries = 40)
    void whatTheDeflaterSendsTheReaderInflates(
            @ForAll @StringLength(max = 1200) @Chars({'x', 'y', 'ü', ' '}) String text,
            @ForAll @IntRange(min = 1, max = 3) int fragments) {
        ZlibPool pool = new ZlibPool(6, 1);
        MessageDeflater deflater = new MessageDeflater(pool);
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = DeflateTestData.split(data, fragments);
        List<RawFrame> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean first = i == 0;
            boolean last = i == pieces.size() - 1;
            ByteBuffer c = fragments == 1 ? deflater.compress(ByteBuffer.wrap(pieces.get(i)))
                    : deflater.compressFragment(ByteBuffer.wrap(pieces.get(i)), first, last);
            byte[] payload = new byte[c.remaining()];
            c.get(payload);
            out.add(RawFrame.of(first ? Opcode.TEXT : Opcode.CONTINUATION, payload).rsv(first ? 4 : 0).fin(last)
                    .masked(0x0102_0304 + i));
        }
        assertThat(pool.outstanding()).as("deflaters held after the message").isZero();
        assertEveryCut(true, RawFrame.concat(out), List.of(new Text(text)));
    }
}
