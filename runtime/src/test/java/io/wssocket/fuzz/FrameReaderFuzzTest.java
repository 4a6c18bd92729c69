package io.wssocket.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wssocket.wire.FrameParser;
import io.wssocket.wire.MessageRecorder;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.ReferenceFrameReader;
import io.wssocket.wire.WebSocketReader;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WebSocketReader} with its {@link FrameParser}, fed any bytes in any chunks, gives exactly
 * the events of the whole-input {@link ReferenceFrameReader}: the same messages, control frames and
 * close, or the same close code for the first rule broken and nothing after it. A
 * {@link MessageRecorder} also checks the listener contract, that data reaches the listener as
 * slices of the input, and that no text past a bad UTF-8 byte is delivered. Anything else thrown,
 * or an input that takes longer than the timeout, is a finding.
 *
 * <p>Options: bit 0 server side (frames must be masked, RFC 6455 §5.1), bits 1-3 the RSV bits that
 * extensions allow, bit 4 a direct buffer, bit 5 little-endian, bits 6-7 the size limits
 * ({@link #LIMITS}).
 */
class FrameReaderFuzzTest {
    /**
     * maxFramePayload and maxMessageSize: none that a short input reaches, then the smallest frame
     * limit the parser takes (a control frame's 125 bytes), a message limit spanning frames, and a
     * message limit that nearly every data frame crosses.
     */
    static final long[][] LIMITS = {{1 << 20, 1 << 20}, {125, 1 << 20}, {1 << 20, 300}, {125, 1}};

    static int options(boolean serverSide, int allowedRsv, boolean direct, boolean littleEndian, int limits) {
        return (serverSide ? 1 : 0) | allowedRsv << 1 | (direct ? 0x10 : 0) | (littleEndian ? 0x20 : 0) | limits << 6;
    }

    static ReaderConfig config(FuzzCase c) {
        long[] limits = LIMITS[c.option(6, 2)];
        return new ReaderConfig(c.option(0), limits[0], limits[1], c.option(1, 3));
    }

    @FuzzTest
    @Timeout(10)
    void readsWhatTheReferenceReads(FuzzedDataProvider data) {
        FuzzCase c = FuzzCase.read(data);
        ReaderConfig config = config(c);
        byte[] input = c.input();
        List<Event> expected = ReferenceFrameReader.read(config, input);

        MessageRecorder recorder = MessageRecorder.read(config, input, c.chunkSizes(), c.option(4),
                c.option(5) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);

        assertThat(recorder.events()).as("%s, %s", config, c).isEqualTo(expected);
        assertThat(recorder.copiedChunks()).as("data not passed as slices of the input").isEmpty();
        assertThat(recorder.deliveredTextCanBeCompleted()).as("text delivered past a bad UTF-8 byte").isTrue();
    }
}
