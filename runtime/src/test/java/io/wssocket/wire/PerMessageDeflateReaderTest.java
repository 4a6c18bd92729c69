package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.wire.MessageRecorder.Binary;
import io.wssocket.wire.MessageRecorder.Failure;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.MessageRecorder.Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * What the reader does with compressed messages (RFC 7692) besides inflating them: the limits count
 * inflated bytes, RSV1 where it does not belong fails with 1002, data that is not DEFLATE with 1007,
 * and inflaters are held only while a message is read.
 */
class PerMessageDeflateReaderTest {
    private static final ReaderConfig SERVER = new ReaderConfig(true, 16 << 20, 16 << 20, 0);

    private static byte[] compressedText(String text) {
        return RawFrame.of(Opcode.TEXT, DeflateTestData.compress(text.getBytes(StandardCharsets.UTF_8), false))
                .rsv(4).masked(0x1122_3344).bytes();
    }

    @Test
    void aBombIsClosedWith1009AfterInflatingNoMoreThanTheMessageLimit() {
        // 256 MiB of zeros compress to about 256 KiB; the limit is 1 MiB.
        byte[] bomb = DeflateTestData.zeros(256L << 20);
        assertThat(bomb.length).isLessThan(400 << 10);
        ZlibPool pool = new ZlibPool(6, 1);
        ReaderConfig config = SERVER.maxMessageSize(1 << 20);
        MessageRecorder r = MessageRecorder.readInflating(config, pool, false,
                RawFrame.binary(bomb).rsv(4).masked(7).bytes(), List.of());
        assertThat(r.events()).containsExactly(new Failure(CloseCodes.MESSAGE_TOO_BIG));
        assertThat(r.deliveredBytes()).isLessThanOrEqualTo(1 << 20);
        assertThat(pool.outstanding()).as("released when the connection ends").isZero();
    }

    @Test
    void aGibibyteBombOfAboutOneMebibyteCostsNoMoreThanTheLimit() {
        // DEFLATE inflates at most about 1032 times: 1 GiB of zeros takes about 1 MiB on the wire.
        byte[] bomb = DeflateTestData.zerosRepeated(1024);
        assertThat(bomb.length).isLessThan(1_100_000);
        ZlibPool pool = new ZlibPool(6, 1);
        // The limit lies above the bomb's wire size, so it is the inflated bytes that cross it.
        MessageRecorder r = MessageRecorder.readInflating(SERVER.maxMessageSize(2 << 20).maxFramePayload(2 << 20), pool,
                false, RawFrame.binary(bomb).rsv(4).masked(7).bytes(), List.of(4096));
        assertThat(r.events()).containsExactly(new Failure(CloseCodes.MESSAGE_TOO_BIG));
        assertThat(r.deliveredBytes()).as("inflated before the connection failed").isBetween(1L << 20, 2L << 20);
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void theFrameLimitCountsInflatedBytesToo() {
        byte[] compressed = DeflateTestData.zeros(1 << 20);
        MessageRecorder r = MessageRecorder.readInflating(SERVER.maxFramePayload(64 << 10), new ZlibPool(6, 1), false,
                RawFrame.binary(compressed).rsv(4).masked(7).bytes(), List.of());
        assertThat(r.events()).containsExactly(new Failure(CloseCodes.MESSAGE_TOO_BIG));
        assertThat(r.deliveredBytes()).isLessThanOrEqualTo(64 << 10);
    }

    @Test
    void aMessageInflatingToExactlyTheLimitIsDelivered() {
        byte[] data = new byte[4096];
        MessageRecorder r = MessageRecorder.readInflating(SERVER.maxMessageSize(4096), new ZlibPool(6, 1), false,
                RawFrame.binary(DeflateTestData.compress(data, false)).rsv(4).masked(7).bytes(), List.of());
        assertThat(r.events()).containsExactly(Binary.of(data));
    }

    @Test
    void emptyStoredBlocksInsideAChunkDoNotEndIt() {
        // A sender that sync-flushes in mid-message puts empty stored blocks, 00 00 ff ff, in the
        // middle of the data: inflating yields nothing for them, and must go on past them.
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String part : List.of("abc abc abc ", "abc def ", "def def")) {
            out.writeBytes(deflate(d, part, false));
            out.writeBytes(new byte[] {0x00, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF}); // an empty stored block more
        }
        d.end();
        byte[] data = DeflateTestData.withoutTail(out.toByteArray());
        for (int split = 0; split <= data.length; split += 3) {
            byte[] bytes = RawFrame.of(Opcode.TEXT, data).rsv(4).masked(9).bytes();
            MessageRecorder r = MessageRecorder.readInflating(SERVER, new ZlibPool(6, 1), false, bytes, List.of(split));
            assertThat(r.events()).as("split at %d", split).containsExactly(new Text("abc abc abc abc def def def"));
        }
    }

    @Test
    void noLimitAtAllStillInflates() {
        // Long.MAX_VALUE as the message limit: the room left must not overflow.
        ReaderConfig unlimited = new ReaderConfig(true, Long.MAX_VALUE, Long.MAX_VALUE, 0);
        byte[] data = "unlimited, ".repeat(100).getBytes(StandardCharsets.UTF_8);
        MessageRecorder r = MessageRecorder.readInflating(unlimited, new ZlibPool(6, 1), false,
                RawFrame.binary(DeflateTestData.compress(data, false)).rsv(4).masked(7).bytes(), List.of());
        assertThat(r.events()).containsExactly(Binary.of(data));
    }

    @Test
    void rsv1OnAContinuationFrameFailsWith1002() {
        byte[] half = DeflateTestData.compress("hello hello".getBytes(StandardCharsets.UTF_8), false);
        byte[] bytes = RawFrame.concat(RawFrame.of(Opcode.TEXT, new byte[0]).rsv(4).fin(false).masked(1),
                RawFrame.continuation(half).rsv(4).masked(2));
        assertThat(MessageRecorder.readInflating(SERVER, new ZlibPool(6, 1), false, bytes, List.of()).events())
                .containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void rsv1OnAControlFrameFailsWith1002() {
        for (RawFrame control : List.of(RawFrame.ping(new byte[] {1}), RawFrame.of(Opcode.PONG, new byte[0]),
                RawFrame.close(1000, ""))) {
            byte[] bytes = control.rsv(4).masked(3).bytes();
            assertThat(MessageRecorder.readInflating(SERVER, new ZlibPool(6, 1), false, bytes, List.of()).events())
                    .as("opcode %d", control.opcode()).containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
        }
    }

    @Test
    void rsv1WithoutTheExtensionStillFailsWith1002() {
        assertThat(MessageRecorder.read(SERVER, compressedText("hi there")).events())
                .containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void otherRsvBitsFailWith1002EvenWithTheExtension() {
        byte[] bytes = RawFrame.text("x").rsv(2).masked(3).bytes();
        assertThat(MessageRecorder.readInflating(SERVER, new ZlibPool(6, 1), false, bytes, List.of()).events())
                .containsExactly(new Failure(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void dataThatIsNotDeflateFailsWith1007() {
        byte[] bytes = RawFrame.binary(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x12, 0x34}).rsv(4).masked(3).bytes();
        ZlibPool pool = new ZlibPool(6, 1);
        assertThat(MessageRecorder.readInflating(SERVER, pool, false, bytes, List.of()).events())
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void inflatedTextIsCheckedAsUtf8() {
        byte[] bad = {'o', 'k', (byte) 0xC3, 0x28};
        byte[] bytes = RawFrame.of(Opcode.TEXT, DeflateTestData.compress(bad, false)).rsv(4).masked(3).bytes();
        assertThat(MessageRecorder.readInflating(SERVER, new ZlibPool(6, 1), false, bytes, List.of()).events())
                .containsExactly(new Failure(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void uncompressedMessagesStillArriveAndBorrowNothing() {
        ZlibPool pool = new ZlibPool(6, 1);
        MessageRecorder r = MessageRecorder.readInflating(SERVER, pool, false,
                RawFrame.concat(RawFrame.text("plain").masked(5), RawFrame.text("").masked(6)), List.of());
        assertThat(r.events()).containsExactly(new Text("plain"), new Text(""));
        assertThat(pool.borrowCount()).isZero();
    }

    @Test
    void anEmptyCompressedMessageIsASingleZeroByte() {
        // RFC 7692 §7.2.3.6: an empty message compressed is one empty stored block, 0x00 once the tail is removed.
        MessageRecorder r = MessageRecorder.readInflating(SERVER, new ZlibPool(6, 1), false,
                RawFrame.of(Opcode.TEXT, new byte[] {0x00}).rsv(4).masked(5).bytes(), List.of());
        assertThat(r.events()).containsExactly(new Text(""));
    }

    @Test
    void anEmptyPayloadWithRsv1IsAnEmptyMessageAndLeavesAKeptContextAsItWas() {
        // Tyrus's kept deflater flushes nothing for an empty message after the first, so its frame
        // has RSV1 and no payload; the message after it still refers to the one before.
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = deflate(d, "context kept across an empty message");
        byte[] third = deflate(d, "context kept across an empty message");
        d.end();
        byte[] bytes = RawFrame.concat(RawFrame.of(Opcode.TEXT, first).rsv(4),
                RawFrame.of(Opcode.BINARY, new byte[0]).rsv(4), RawFrame.of(Opcode.TEXT, third).rsv(4));
        ZlibPool pool = new ZlibPool(6, 1);
        MessageRecorder r = MessageRecorder.readInflating(MessageRecorder.ReaderConfig.CLIENT, pool, true, bytes, List.of());
        assertThat(r.events()).containsExactly(new Text("context kept across an empty message"),
                new Binary(""), new Text("context kept across an empty message"));
    }

    @Test
    void anEmptyPayloadWithRsv1WithoutContextTakeoverBorrowsNoInflater() {
        ZlibPool pool = new ZlibPool(6, 1);
        MessageRecorder r = MessageRecorder.readInflating(SERVER, pool, false,
                RawFrame.of(Opcode.TEXT, new byte[0]).rsv(4).masked(9).bytes(), List.of());
        assertThat(r.events()).containsExactly(new Text(""));
        assertThat(pool.borrowCount()).isZero();
    }

    @Test
    void aPeerThatTakesContextOverIsInflatedWithOneInflaterForTheConnection() {
        // The peer's second message refers back to the first: only an inflater kept between them decodes it.
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = deflate(d, "the same sentence, twice over");
        byte[] second = deflate(d, "the same sentence, twice over");
        d.end();
        assertThat(second.length).isLessThan(first.length);
        byte[] bytes = RawFrame.concat(RawFrame.of(Opcode.TEXT, first).rsv(4),
                RawFrame.of(Opcode.TEXT, second).rsv(4));
        ZlibPool pool = new ZlibPool(6, 1);
        MessageRecorder r = MessageRecorder.readInflating(MessageRecorder.ReaderConfig.CLIENT, pool, true, bytes, List.of());
        assertThat(r.events()).containsExactly(new Text("the same sentence, twice over"),
                new Text("the same sentence, twice over"));
        assertThat(pool.borrowCount()).as("one inflater kept for both messages").isEqualTo(1);
        assertThat(pool.outstanding()).as("given back when the connection ends").isZero();
    }

    @Test
    void aClientThatIgnoresClientNoContextTakeoverIsFailedWith1007NamingTheParameter() throws Exception {
        // Jetty 12's client does this unless it offers server_no_context_takeover: its second message
        // refers back to its first although the server answered client_no_context_takeover.
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = deflate(d, "the same sentence, twice over");
        byte[] second = deflate(d, "the same sentence, twice over");
        d.end();
        ZlibPool pool = new ZlibPool(6, 1);
        WebSocketReader reader = new WebSocketReader(new FrameParser(true, 1 << 20, 0), 1 << 20, new WebSocketReaderTest.Adapter());
        reader.inflateMessages(pool, false, true, 1 << 20);
        reader.read(ByteBuffer.wrap(RawFrame.of(Opcode.TEXT, first).rsv(4).masked(1).bytes()));
        ProtocolViolationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ProtocolViolationException.class,
                () -> reader.read(ByteBuffer.wrap(RawFrame.of(Opcode.TEXT, second).rsv(4).masked(2).bytes())));
        assertThat(e.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        assertThat(e.ignoredParameter()).isEqualTo("client_no_context_takeover");
        assertThat(e.getMessage()).contains("client_no_context_takeover")
                .hasSizeLessThanOrEqualTo(ClosePayload.MAX_REASON_BYTES - 2); // "§" is two bytes in UTF-8
        reader.release();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void theFirstMessageReachingBackIsBadDataNotAnIgnoredParameter() throws Exception {
        // A back-reference in the very first compressed message can only be corrupt data.
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflate(d, "the same sentence, twice over");
        byte[] second = deflate(d, "the same sentence, twice over");
        d.end();
        WebSocketReader reader = new WebSocketReader(new FrameParser(true, 1 << 20, 0), 1 << 20, new WebSocketReaderTest.Adapter());
        reader.inflateMessages(new ZlibPool(6, 1), false, true, 1 << 20);
        ProtocolViolationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ProtocolViolationException.class,
                () -> reader.read(ByteBuffer.wrap(RawFrame.of(Opcode.TEXT, second).rsv(4).masked(2).bytes())));
        assertThat(e.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        assertThat(e.ignoredParameter()).isNull();
        reader.release();
    }

    @Test
    void aDeflaterThatKeepsItsContextCompressesRepeatsSmallerAndIsGivenBackAtTheEnd() {
        ZlibPool pool = new ZlibPool(6, 1);
        MessageDeflater deflater = new MessageDeflater(pool, true);
        String text = "{\"type\":\"chat\",\"room\":\"lobby\",\"text\":\"hello there, everyone\"}";
        ByteBuffer first = deflater.compress(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer second = deflater.compress(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(second.remaining()).as("the second refers to the first").isLessThan(first.remaining() / 2);
        assertThat(deflater.holdsDeflater()).isTrue();
        byte[] bytes = RawFrame.concat(RawFrame.of(Opcode.TEXT, remaining(first)).rsv(4),
                RawFrame.of(Opcode.TEXT, remaining(second)).rsv(4));
        MessageRecorder r = MessageRecorder.readInflating(MessageRecorder.ReaderConfig.CLIENT, pool, true, bytes, List.of());
        assertThat(r.events()).containsExactly(new Text(text), new Text(text));
        deflater.release();
        assertThat(deflater.holdsDeflater()).isFalse();
        assertThat(pool.outstanding()).isZero();
    }

    private static byte[] remaining(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static byte[] deflate(Deflater d, String text) {
        return deflate(d, text, true);
    }

    private static byte[] deflate(Deflater d, String text, boolean stripTail) {
        d.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[256];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        byte[] bytes = java.util.Arrays.copyOf(out, n);
        return stripTail ? DeflateTestData.withoutTail(bytes) : bytes;
    }

    @Test
    void aLargeMessageWhoseStartDoesNotCompressGoesUncompressed() {
        // RFC 7692 §6.1: any message may go without RSV1; random bytes would only cost CPU on both ends.
        byte[] random = new byte[4 * MessageDeflater.PROBE];
        new java.util.Random(7).nextBytes(random);
        ZlibPool pool = new ZlibPool(6, 1);
        assertThat(new MessageDeflater(pool).compress(ByteBuffer.wrap(random))).isNull();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void aLargeCompressibleMessageIsProbedThenCompressedWhole() {
        // The probe ends with a sync flush in the middle of the message's data: the reader goes on past it.
        String text = "a large message that compresses well, ".repeat(8 * MessageDeflater.PROBE / 38);
        ZlibPool pool = new ZlibPool(6, 1);
        ByteBuffer c = new MessageDeflater(pool).compress(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(c.remaining()).isLessThan(text.length() / 10);
        byte[] bytes = new byte[c.remaining()];
        c.get(bytes);
        MessageRecorder r = MessageRecorder.readInflating(SERVER, pool, false,
                RawFrame.of(Opcode.TEXT, bytes).rsv(4).masked(9).bytes(), List.of(1000));
        assertThat(r.events()).containsExactly(new Text(text));
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void theDeflaterRemovesTheTailAndSkipsNothing() {
        ZlibPool pool = new ZlibPool(6, 1);
        ByteBuffer c = new MessageDeflater(pool).compress(ByteBuffer.wrap("abcabcabcabc".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = new byte[c.remaining()];
        c.get(bytes);
        assertThat(bytes).hasSizeGreaterThan(0);
        assertThat(java.util.Arrays.copyOfRange(bytes, Math.max(0, bytes.length - 4), bytes.length))
                .isNotEqualTo(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF});
        MessageRecorder r = MessageRecorder.readInflating(SERVER, pool, false,
                RawFrame.of(Opcode.TEXT, bytes).rsv(4).masked(9).bytes(), List.of());
        assertThat(r.events()).containsExactly(new Text("abcabcabcabc"));
        assertThat(pool.outstanding()).isZero();
    }
}
