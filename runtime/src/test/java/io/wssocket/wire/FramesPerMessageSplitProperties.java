package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.Chunks;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.Failure;
import io.wssocket.wire.MessageRecorder.Ping;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.MessageRecorder.Text;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The frames-per-message limit (RFC 6455 §10.4: an implementation limits what a peer may make it
 * do) holds for every way the input can arrive: a message of at most the limit's frames, empty
 * continuations and interleaved pings included, is delivered whole; one frame more fails with 1009
 * at that frame's header, after exactly the pings that came before it.
 */
class FramesPerMessageSplitProperties {

    /** A text message of {@code frames} frames, every {@code emptyEvery}-th continuation empty, a ping after every {@code pingEvery}-th (0: none). */
    private static List<RawFrame> message(int frames, int emptyEvery, int pingEvery, boolean server, List<Event> pingsBefore,
            int limit) {
        List<RawFrame> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            boolean empty = i > 0 && i % emptyEvery == 0;
            byte[] payload = empty ? new byte[0] : ("f" + i).getBytes(StandardCharsets.UTF_8);
            RawFrame frame = (i == 0 ? RawFrame.text(new String(payload, StandardCharsets.UTF_8))
                    : RawFrame.continuation(payload)).fin(i == frames - 1);
            out.add(frame.maskedIf(server, 0x1234_5678 + i));
            if (pingEvery > 0 && i < frames - 1 && i % pingEvery == 0) {
                byte[] ping = {(byte) i};
                out.add(RawFrame.ping(ping).maskedIf(server, 0x0bad_f00d));
                if (i < limit) {
                    pingsBefore.add(Ping.of(ping)); // only pings before the frame that crosses the limit
                }
            }
        }
        return out;
    }

    private static String text(int frames, int emptyEvery) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            if (!(i > 0 && i % emptyEvery == 0)) {
                text.append('f').append(i);
            }
        }
        return text.toString();
    }

    private static List<Event> expected(int frames, int emptyEvery, List<Event> pingsBefore, int limit) {
        List<Event> events = new ArrayList<>(pingsBefore);
        events.add(frames <= limit ? new Text(text(frames, emptyEvery)) : new Failure(CloseCodes.MESSAGE_TOO_BIG));
        return events;
    }

    @Property(tries = 150)
    void everyTwoChunkSplitGivesTheMessageOrFailsAtTheFrameAfterTheLimit(
            @ForAll @IntRange(min = 1, max = 12) int limit,
            @ForAll @IntRange(min = 1, max = 16) int frames,
            @ForAll @IntRange(min = 1, max = 4) int emptyEvery,
            @ForAll @IntRange(min = 1, max = 5) int pingEvery,
            @ForAll boolean server) {
        List<Event> pings = new ArrayList<>();
        byte[] bytes = RawFrame.concat(message(frames, emptyEvery, pingEvery, server, pings, limit));
        List<Event> expected = expected(frames, emptyEvery, pings, limit);
        ReaderConfig config = server ? ReaderConfig.SERVER : ReaderConfig.CLIENT;

        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(MessageRecorder.read(config, limit, bytes, List.of(cut), false, ByteOrder.BIG_ENDIAN).events())
                    .as("cut at %d", cut).isEqualTo(expected);
        }
    }

    @Property(tries = 150)
    void randomSplitsGiveTheMessageOrFailAtTheFrameAfterTheLimit(
            @ForAll @IntRange(min = 1, max = 40) int limit,
            @ForAll @IntRange(min = 1, max = 60) int frames,
            @ForAll @IntRange(min = 1, max = 4) int emptyEvery,
            @ForAll @IntRange(min = 1, max = 9) int pingEvery,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 9) Integer> chunkSizes,
            @ForAll boolean direct) {
        List<Event> pings = new ArrayList<>();
        byte[] bytes = RawFrame.concat(message(frames, emptyEvery, pingEvery, true, pings, limit));

        MessageRecorder recorder = MessageRecorder.read(ReaderConfig.SERVER, limit, bytes,
                Chunks.cycle(chunkSizes, bytes.length), direct, ByteOrder.BIG_ENDIAN);

        assertThat(recorder.events()).isEqualTo(expected(frames, emptyEvery, pings, limit));
    }

    @Property(tries = 20)
    void theLimitCountsMessagesNotTheConnection(@ForAll @IntRange(min = 1, max = 6) int limit,
            @ForAll @IntRange(min = 1, max = 40) int messages) {
        // Each message may take the limit's frames: the count starts again with every message.
        List<RawFrame> frames = new ArrayList<>();
        List<Event> expected = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            frames.addAll(message(limit, 2, 0, true, new ArrayList<>(), limit));
            expected.add(new Text(text(limit, 2)));
        }
        byte[] bytes = RawFrame.concat(frames);
        assertThat(MessageRecorder.read(ReaderConfig.SERVER, limit, bytes, List.of(1, 2, 3), false, ByteOrder.BIG_ENDIAN)
                .events()).isEqualTo(expected);
    }
}
