package io.wssocket.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.wire.FrameParser;
import io.wssocket.wire.ProtocolViolationException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark method, called once or twice outside JMH, does the work it claims on the whole
 * payload: a benchmark that silently measured less would report a throughput it never reached.
 * 70000 bytes take a 64-bit length and two read windows, with characters split across them.
 */
class CodecBenchmarksTest {

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 16384, 1048576, 70000})
    void copyBaselinesCopyEveryByte(int size) {
        CopyBaseline copy = new CopyBaseline();
        copy.size = size;
        copy.setUp();
        byte[] expected = Payloads.randomBytes(size, Payloads.SEED);

        assertThat(bytesOf(copy.heapToHeap())).isEqualTo(expected);
        assertThat(bytesOf(copy.directToDirect())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 70000, 70001})
    void maskingXorsEveryByteWithTheKeyAndTwiceRestores(int size) {
        MaskingBenchmark masking = new MaskingBenchmark();
        masking.size = size;
        masking.setUp();
        byte[] plain = Payloads.randomBytes(size, Payloads.SEED);
        byte[] key = ByteBuffer.allocate(4).putInt(Payloads.randomInt(Payloads.SEED)).array();
        byte[] masked = new byte[size];
        for (int i = 0; i < size; i++) {
            masked[i] = (byte) (plain[i] ^ key[i & 3]); // RFC 6455 §5.3
        }

        assertThat(masking.unmaskDirect()).isEqualTo(size & 3);
        assertThat(masking.maskHeap()).isEqualTo(size & 3);
        assertThat(bytesOf(masking.direct)).isEqualTo(masked);
        assertThat(bytesOf(masking.heap)).isEqualTo(masked);
        masking.unmaskDirect();
        masking.maskHeap();
        assertThat(bytesOf(masking.direct)).isEqualTo(plain);
        assertThat(bytesOf(masking.heap)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 16384, 1048576, 70000})
    void utf8BenchmarkValidatesBothTextsAgainAndAgain(int size) {
        for (Text text : Text.values()) {
            Utf8Benchmark utf8 = new Utf8Benchmark();
            utf8.size = size;
            utf8.text = text;
            utf8.setUp();

            assertThat(utf8.validate()).as(text.name()).isTrue();
            assertThat(utf8.validate()).as(text.name() + ", validator reused").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 16384, 1048576, 70000})
    void parseBenchmarksHandOnTheWholePayloadEveryTime(int size) throws ProtocolViolationException {
        ParseBenchmark parse = new ParseBenchmark();
        ParseBenchmark.BinaryFrame binary = new ParseBenchmark.BinaryFrame();
        binary.size = size;
        binary.setUp();

        assertThat(parse.maskedBinary(binary)).isEqualTo(size);
        assertThat(parse.maskedBinary(binary)).as("parser reused").isEqualTo(size);

        for (Text text : Text.values()) {
            ParseBenchmark.TextFrame textFrame = new ParseBenchmark.TextFrame();
            textFrame.size = size;
            textFrame.text = text;
            textFrame.setUp();

            // a UTF-8 failure would throw ProtocolViolationException (1007) instead
            assertThat(parse.maskedText(textFrame)).as(text.name()).isEqualTo(size);
            assertThat(parse.maskedText(textFrame)).as(text.name() + ", reader reused").isEqualTo(size);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 16384, 1048576})
    void writeBenchmarksBuildFramesThatParseBackToThePayload(int size) throws ProtocolViolationException {
        WriteBenchmark write = new WriteBenchmark();
        write.size = size;
        write.setUp();
        byte[] payload = Payloads.randomBytes(size, Payloads.SEED);

        assertThat(payloadOf(write.unmaskedServerFrame(), false)).isEqualTo(payload);
        assertThat(payloadOf(write.maskedClientFrame(), true)).isEqualTo(payload);
    }

    private static byte[] payloadOf(ByteBuffer frame, boolean masked) throws ProtocolViolationException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        new FrameParser(masked, Long.MAX_VALUE, 0).parse(frame, new FrameParser.Handler() {
            @Override
            public void onFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
                assertThat(fin).isTrue();
            }

            @Override
            public boolean onFramePayload(ByteBuffer chunk, boolean endOfFrame) {
                payload.writeBytes(bytesOf(chunk));
                return true;
            }
        });
        return payload.toByteArray();
    }

    /** The bytes between position and limit, leaving the buffer as it was. */
    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
