package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.Chunks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What the connection's read-progress timeout relies on, for every split of the input: after each
 * chunk the reader says whether the peer owes the rest of a frame or message, and its data progress
 * moves exactly when the chunk held bytes of a data frame (header bytes included, control frames not).
 */
class ReadProgressSplitProperties {

    /** Frames of fragmented text messages with pings between fragments, and what each byte is. */
    private record Input(byte[] bytes, boolean[] dataByte, boolean[] settledAfter) {
    }

    private static Input input(int messages, int fragments, int pingEvery, int payload) {
        List<RawFrame> frames = new ArrayList<>();
        List<Boolean> isData = new ArrayList<>();
        List<Boolean> endsMessage = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            for (int f = 0; f < fragments; f++) {
                byte[] bytes = "x".repeat(f * payload % 300).getBytes(StandardCharsets.UTF_8);
                RawFrame frame = (f == 0 ? RawFrame.text(new String(bytes, StandardCharsets.UTF_8)) : RawFrame.continuation(bytes))
                        .fin(f == fragments - 1).masked(0x0102_0304 + f);
                frames.add(frame);
                isData.add(true);
                endsMessage.add(f == fragments - 1);
                if (pingEvery > 0 && f % pingEvery == 0) {
                    frames.add(RawFrame.ping(new byte[] {(byte) f}).masked(0x0a0b_0c0d));
                    isData.add(false);
                    endsMessage.add(f == fragments - 1);
                }
            }
        }
        byte[] bytes = RawFrame.concat(frames);
        boolean[] dataByte = new boolean[bytes.length];
        boolean[] settledAfter = new boolean[bytes.length + 1];
        settledAfter[0] = true;
        int offset = 0;
        for (int i = 0; i < frames.size(); i++) {
            int length = frames.get(i).bytes().length;
            for (int k = offset; k < offset + length; k++) {
                dataByte[k] = isData.get(i);
            }
            offset += length;
            settledAfter[offset] = endsMessage.get(i);
        }
        return new Input(bytes, dataByte, settledAfter);
    }

    private static void check(Input input, List<Integer> chunks) throws ProtocolViolationException {
        WebSocketReader reader = new WebSocketReader(new FrameParser(true, 1 << 20, 0), 1 << 20, new MessageRecorder());
        ByteBuffer all = ByteBuffer.wrap(input.bytes().clone());
        int offset = 0;
        for (int size : chunks) {
            long before = reader.dataProgress();
            reader.read(all.duplicate().limit(offset + size).position(offset));
            boolean dataInChunk = false;
            for (int k = offset; k < offset + size; k++) {
                dataInChunk |= input.dataByte()[k];
            }
            offset += size;
            assertThat(reader.dataProgress() != before).as("progress after bytes %d", offset).isEqualTo(dataInChunk);
            assertThat(reader.isInsideFrameOrMessage()).as("owing after bytes %d", offset)
                    .isEqualTo(!input.settledAfter()[offset]);
        }
    }

    @Property(tries = 200)
    void everyTwoChunkSplit(@ForAll @IntRange(min = 1, max = 3) int messages, @ForAll @IntRange(min = 1, max = 4) int fragments,
            @ForAll @IntRange(min = 0, max = 3) int pingEvery, @ForAll @IntRange(min = 0, max = 130) int payload)
            throws ProtocolViolationException {
        Input input = input(messages, fragments, pingEvery, payload);
        for (int cut = 0; cut <= input.bytes().length; cut++) {
            check(input, List.of(cut, input.bytes().length - cut));
        }
    }

    @Property(tries = 200)
    void randomSplits(@ForAll @IntRange(min = 1, max = 4) int messages, @ForAll @IntRange(min = 1, max = 6) int fragments,
            @ForAll @IntRange(min = 0, max = 3) int pingEvery, @ForAll @IntRange(min = 0, max = 300) int payload,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 20) Integer> sizes)
            throws ProtocolViolationException {
        Input input = input(messages, fragments, pingEvery, payload);
        check(input, Chunks.cycle(sizes, input.bytes().length));
    }
}
