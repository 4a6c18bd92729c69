package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.Chunks;
import io.wssocket.wire.MessageRecorder.Binary;
import io.wssocket.wire.MessageRecorder.Close;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.Failure;
import io.wssocket.wire.MessageRecorder.Ping;
import io.wssocket.wire.MessageRecorder.Pong;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import io.wssocket.wire.MessageRecorder.Text;
import io.wssocket.wire.RawFrame.LengthForm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The reader (parser included) gives the same events for every way a sequence of frames can
 * arrive, and they are the events a whole-input reference model reads: messages gathered whole,
 * control frames, the close, or the close code of the first violation and nothing after it.
 */
class FrameParserSplitProperties {
    private static final long MAX_FRAME = 1 << 20;
    private static final long MAX_MESSAGE = 1 << 20;
    private static final int EVERY_SPLIT_LIMIT = 2048;

    /** What the sequence holds: frames, then bytes after them (only after a close: never looked at). */
    record Scenario(ReaderConfig config, List<RawFrame> frames, byte[] trailing, List<Integer> unitStarts,
            List<Event> intended, String violation, int expectedCode) {

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(RawFrame.concat(frames));
            out.writeBytes(trailing);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return (violation == null ? "valid" : "violation " + violation + " (" + expectedCode + ")") + ", " + config
                    + ", trailing " + trailing.length + "\n  " + String.join("\n  ", frames.stream().map(RawFrame::toString).toList());
        }
    }

    /** One message with the control frames between its fragments, or a lone control frame. */
    record Unit(List<RawFrame> frames, List<Event> events) {
    }

    enum Violation {
        WRONG_MASKING(1002), RESERVED_BITS(1002), RESERVED_OPCODE(1002), CONTROL_TOO_LONG(1002),
        FRAGMENTED_CONTROL(1002), LENGTH_HIGH_BIT(1002), FRAME_TOO_BIG(1009), CONTINUATION_WITHOUT_MESSAGE(1002),
        MESSAGE_INSIDE_MESSAGE(1002), INVALID_UTF8(1007), TEXT_ENDS_MID_CHARACTER(1007), CLOSE_ONE_BYTE(1002),
        CLOSE_BAD_CODE(1002), CLOSE_BAD_REASON(1007), MESSAGE_TOO_BIG(1009);

        final int code;

        Violation(int code) {
            this.code = code;
        }
    }

    // ---- properties ----

    @Property(tries = 400)
    void everyTwoChunkSplitOfAValidSequenceGivesTheReferenceEvents(@ForAll("smallValid") Scenario scenario) {
        byte[] bytes = scenario.bytes();
        Assume.that(bytes.length <= EVERY_SPLIT_LIMIT);
        List<Event> expected = ReferenceFrameReader.read(scenario.config(), bytes);
        assertThat(expected).as("the reference reads what was generated").isEqualTo(scenario.intended());

        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(MessageRecorder.read(scenario.config(), bytes, List.of(cut)).events()).as("cut at %d", cut)
                    .isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    void everyTwoChunkSplitOfAnInvalidSequenceFailsLikeTheReference(@ForAll("smallInvalid") Scenario scenario) {
        byte[] bytes = scenario.bytes();
        Assume.that(bytes.length <= EVERY_SPLIT_LIMIT);
        List<Event> expected = ReferenceFrameReader.read(scenario.config(), bytes);
        assertThat(expected).as("the reference fails").last().isEqualTo(new Failure(scenario.expectedCode()));

        for (int cut = 0; cut <= bytes.length; cut++) {
            MessageRecorder recorder = MessageRecorder.read(scenario.config(), bytes, List.of(cut));
            assertThat(recorder.events()).as("cut at %d", cut).isEqualTo(expected);
            checkNothingPastABadUtf8ByteWasDelivered(recorder);
        }
    }

    @Property(tries = 300)
    void randomSplitsOfAValidSequenceGiveTheReferenceEvents(
            @ForAll("anyValid") Scenario scenario,
            @ForAll("chunkSizes") List<Integer> chunkSizes,
            @ForAll boolean direct,
            @ForAll boolean littleEndian) {
        byte[] bytes = scenario.bytes();
        List<Event> expected = ReferenceFrameReader.read(scenario.config(), bytes);
        assertThat(expected).as("the reference reads what was generated").isEqualTo(scenario.intended());

        MessageRecorder recorder = MessageRecorder.read(scenario.config(), bytes, Chunks.cycle(chunkSizes, bytes.length), direct,
                littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);

        assertThat(recorder.events()).isEqualTo(expected);
    }

    @Property(tries = 300)
    void randomSplitsOfAnInvalidSequenceFailLikeTheReference(
            @ForAll("anyInvalid") Scenario scenario,
            @ForAll("chunkSizes") List<Integer> chunkSizes,
            @ForAll boolean direct) {
        byte[] bytes = scenario.bytes();
        List<Event> expected = ReferenceFrameReader.read(scenario.config(), bytes);
        assertThat(expected).as("the reference fails").last().isEqualTo(new Failure(scenario.expectedCode()));

        MessageRecorder recorder = MessageRecorder.read(scenario.config(), bytes, Chunks.cycle(chunkSizes, bytes.length), direct,
                ByteOrder.BIG_ENDIAN);

        assertThat(recorder.events()).isEqualTo(expected);
        checkNothingPastABadUtf8ByteWasDelivered(recorder);
    }

    @Property(tries = 300)
    void mutatedSequencesGiveTheReferenceOutcomeForEverySplit(
            @ForAll("smallValid") Scenario scenario,
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @Size(min = 3, max = 3) List<@IntRange(min = 1, max = 255) Integer> flips) {
        // Arbitrary damage: whatever the reader makes of it, it must be what the reference makes of it.
        byte[] bytes = scenario.bytes();
        Assume.that(bytes.length > 0 && bytes.length <= EVERY_SPLIT_LIMIT);
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] ^= (byte) (int) flips.get(i);
        }
        List<Event> expected = ReferenceFrameReader.read(scenario.config(), bytes);

        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(MessageRecorder.read(scenario.config(), bytes, List.of(cut)).events()).as("cut at %d", cut)
                    .isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    void payloadReachesTheListenerAsSlicesOfTheInputBuffer(
            @ForAll("anyValid") Scenario scenario,
            @ForAll("chunkSizes") List<Integer> chunkSizes,
            @ForAll boolean direct) {
        byte[] bytes = scenario.bytes();

        MessageRecorder recorder = MessageRecorder.read(scenario.config(), bytes, Chunks.cycle(chunkSizes, bytes.length), direct,
                ByteOrder.BIG_ENDIAN);

        assertThat(recorder.copiedChunks()).isEmpty();
        boolean hasData = scenario.intended().stream().anyMatch(e -> e instanceof Text || e instanceof Binary);
        if (hasData) {
            assertThat(recorder.dataChunks()).isPositive();
        }
    }

    /** On a UTF-8 failure, what was delivered of the text message can still be completed to valid UTF-8. */
    private static void checkNothingPastABadUtf8ByteWasDelivered(MessageRecorder recorder) {
        List<Event> events = recorder.events();
        if (events.get(events.size() - 1).equals(new Failure(CloseCodes.INVALID_PAYLOAD))) {
            assertThat(recorder.deliveredTextCanBeCompleted()).as("the delivered part of the text is valid so far").isTrue();
        }
    }

    // ---- generators: valid sequences ----

    @Provide
    Arbitrary<Scenario> smallValid() {
        return validScenarios(false);
    }

    @Provide
    Arbitrary<Scenario> anyValid() {
        return Arbitraries.frequencyOf(Tuple.of(3, validScenarios(false)), Tuple.of(1, validScenarios(true)));
    }

    @Provide
    Arbitrary<Scenario> smallInvalid() {
        return invalidScenarios(false);
    }

    @Provide
    Arbitrary<Scenario> anyInvalid() {
        return Arbitraries.frequencyOf(Tuple.of(3, invalidScenarios(false)), Tuple.of(1, invalidScenarios(true)));
    }

    /** Mostly small chunks (down to single bytes), sometimes large ones. */
    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.of(1))),
                Tuple.of(4, Arbitraries.integers().between(0, 64).list().ofMinSize(1).ofMaxSize(20)),
                Tuple.of(1, Arbitraries.integers().between(1, 100_000).list().ofMinSize(1).ofMaxSize(5)));
    }

    private Arbitrary<Scenario> validScenarios(boolean big) {
        Arbitrary<List<Unit>> units = unit(big).list().ofMaxSize(big ? 3 : 6);
        Arbitrary<Unit> close = closeFrame().injectNull(0.4);
        Arbitrary<byte[]> trailing = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
        Arbitrary<Integer> allowedRsv = Arbitraries.of(0, 0, 0, 4, 7);
        return Combinators.combine(units, close, trailing, Arbitraries.of(true, false), allowedRsv, Arbitraries.longs())
                .as(FrameParserSplitProperties::assemble);
    }

    /**
     * Lays the units out as one sequence in the connection's direction, with random (allowed)
     * RSV bits and sometimes a longer length form than needed.
     */
    private static Scenario assemble(List<Unit> units, Unit close, byte[] trailing, boolean serverSide, int allowedRsv,
            long seed) {
        Random random = new Random(seed);
        List<RawFrame> frames = new ArrayList<>();
        List<Integer> unitStarts = new ArrayList<>();
        List<Event> intended = new ArrayList<>();
        for (Unit u : units) {
            unitStarts.add(frames.size());
            u.frames().forEach(f -> frames.add(dress(f, serverSide, allowedRsv, random)));
            intended.addAll(u.events());
        }
        unitStarts.add(frames.size());
        if (close != null) {
            close.frames().forEach(f -> frames.add(dress(f, serverSide, allowedRsv, random)));
            intended.addAll(close.events());
        }
        ReaderConfig config = new ReaderConfig(serverSide, MAX_FRAME, MAX_MESSAGE, allowedRsv);
        return new Scenario(config, frames, close == null ? new byte[0] : trailing, unitStarts, intended, null, 0);
    }

    private static RawFrame dress(RawFrame f, boolean serverSide, int allowedRsv, Random random) {
        RawFrame dressed = f.maskedIf(serverSide, random.nextInt()).rsv(random.nextInt(3) == 0 ? allowedRsv & random.nextInt(8) : 0);
        if (f.opcode() < 8 && random.nextInt(10) == 0) {
            dressed = dressed.form(f.payload().length <= 0xFFFF && random.nextBoolean() ? LengthForm.SIXTEEN : LengthForm.SIXTY_FOUR);
        }
        return dressed;
    }

    private static Arbitrary<Unit> unit(boolean big) {
        return Arbitraries.frequencyOf(Tuple.of(3, message(big)), Tuple.of(1, controlFrame()));
    }

    /** A text or binary message in one to four fragments, with control frames between some of them. */
    private static Arbitrary<Unit> message(boolean big) {
        Arbitrary<Tuple.Tuple2<Integer, byte[]>> content = Arbitraries.oneOf(
                textBytes(big).map(b -> Tuple.of(Opcode.TEXT, b)),
                binaryBytes(big).map(b -> Tuple.of(Opcode.BINARY, b)));
        return content.flatMap(c -> Combinators.combine(
                Arbitraries.integers().between(0, c.get2().length).list().ofMaxSize(3),
                controlFrame().injectNull(0.6).list().ofSize(3))
                .as((cuts, controls) -> fragmented(c.get1(), c.get2(), cuts, controls)));
    }

    private static Unit fragmented(int opcode, byte[] payload, List<Integer> cuts, List<Unit> controls) {
        List<Integer> points = new ArrayList<>(cuts);
        points.sort(null);
        points.add(payload.length);
        List<RawFrame> frames = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < points.size(); k++) {
            int to = points.get(k);
            boolean last = k == points.size() - 1;
            frames.add(RawFrame.of(k == 0 ? opcode : Opcode.CONTINUATION, Arrays.copyOfRange(payload, from, to)).fin(last));
            if (!last && controls.get(k) != null) {
                frames.addAll(controls.get(k).frames());
                events.addAll(controls.get(k).events());
            }
            from = to;
        }
        events.add(opcode == Opcode.TEXT ? new Text(new String(payload, StandardCharsets.UTF_8)) : Binary.of(payload));
        return new Unit(frames, events);
    }

    private static Arbitrary<Unit> controlFrame() {
        return Combinators.combine(Arbitraries.of(Opcode.PING, Opcode.PONG), seededBytes(controlSizes()))
                .as((opcode, payload) -> new Unit(List.of(RawFrame.of(opcode, payload)),
                        List.of(opcode == Opcode.PING ? Ping.of(payload) : Pong.of(payload))));
    }

    private static Arbitrary<Unit> closeFrame() {
        Arbitrary<Integer> codes = Arbitraries.oneOf(
                Arbitraries.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999),
                Arbitraries.integers().between(3000, 4999));
        Arbitrary<String> reasons = codePointString(30);
        Arbitrary<Unit> withCode = Combinators.combine(codes, reasons)
                .as((code, reason) -> new Unit(List.of(RawFrame.close(code, reason)), List.of(new Close(code, reason))));
        Arbitrary<Unit> empty = Arbitraries.just(new Unit(List.of(RawFrame.of(Opcode.CLOSE, new byte[0])), List.of(new Close(1005, ""))));
        return Arbitraries.frequencyOf(Tuple.of(4, withCode), Tuple.of(1, empty));
    }

    private static Arbitrary<byte[]> textBytes(boolean big) {
        Arbitrary<byte[]> small = codePointString(60).map(s -> s.getBytes(StandardCharsets.UTF_8));
        if (!big) {
            return small;
        }
        // Repeated until the message needs the 64-bit length form.
        Arbitrary<byte[]> large = codePointString(20).filter(s -> !s.isEmpty()).map(s -> {
            byte[] one = s.getBytes(StandardCharsets.UTF_8);
            return s.repeat(65536 / one.length + 1).getBytes(StandardCharsets.UTF_8);
        });
        return Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(1, large));
    }

    private static Arbitrary<byte[]> binaryBytes(boolean big) {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 40)),
                Tuple.of(2, Arbitraries.integers().between(41, 300)),
                Tuple.of(2, Arbitraries.of(0, 1, 125, 126, 127)));
        if (big) {
            sizes = Arbitraries.frequencyOf(
                    Tuple.of(3, sizes),
                    Tuple.of(1, Arbitraries.of(65535, 65536, 65537)),
                    Tuple.of(1, Arbitraries.integers().between(65538, 70_000)));
        }
        return seededBytes(sizes);
    }

    private static Arbitrary<Integer> controlSizes() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(0, 20)),
                Tuple.of(1, Arbitraries.of(0, 124, 125)), Tuple.of(1, Arbitraries.integers().between(0, 125)));
    }

    /** Random bytes of a generated size, filled from a seed (cheap for large sizes). */
    private static Arbitrary<byte[]> seededBytes(Arbitrary<Integer> sizes) {
        return Combinators.combine(sizes, Arbitraries.longs()).as((n, seed) -> {
            byte[] b = new byte[n];
            new Random(seed).nextBytes(b);
            return b;
        });
    }

    private static Arbitrary<String> codePointString(int maxCodePoints) {
        return Utf8ValidatorProperties.codePoints().list().ofMaxSize(maxCodePoints).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    // ---- generators: one violation injected into a valid sequence ----

    private Arbitrary<Scenario> invalidScenarios(boolean big) {
        Arbitrary<Scenario> base = validScenarios(big).map(FrameParserSplitProperties::withoutClose);
        return Combinators.combine(base,
                // Without edge cases, which would favour the first and last violation.
                Arbitraries.of(Violation.class).withoutEdgeCases(), Arbitraries.longs(), closeFrame().injectNull(0.5),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(10))
                .as(FrameParserSplitProperties::inject);
    }

    private static Scenario withoutClose(Scenario s) {
        int end = s.unitStarts().get(s.unitStarts().size() - 1);
        return new Scenario(s.config(), s.frames().subList(0, end), new byte[0], s.unitStarts(),
                List.of(), null, 0);
    }

    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0x80},
        {(byte) 0xC3, 'a'}, {(byte) 0xF0, (byte) 0x9F, 'a'},
    };

    private static final int[] BAD_CLOSE_CODES = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535};

    private static Scenario inject(Scenario base, Violation v, long seed, Unit close, byte[] trailing) {
        Random r = new Random(seed);
        ReaderConfig config = base.config();
        boolean server = config.serverSide();
        List<RawFrame> frames = new ArrayList<>(base.frames());
        int anywhere = r.nextInt(frames.size() + 1);
        int betweenMessages = base.unitStarts().get(r.nextInt(base.unitStarts().size()));
        List<RawFrame> inserted = new ArrayList<>();
        int at = anywhere;
        switch (v) {
            case WRONG_MASKING:
            case RESERVED_BITS: {
                if (frames.isEmpty()) {
                    frames.add(RawFrame.ping(new byte[0]).maskedIf(server, r.nextInt()));
                }
                int k = r.nextInt(frames.size());
                RawFrame f = frames.get(k);
                if (v == Violation.WRONG_MASKING) {
                    frames.set(k, f.maskedIf(!server, r.nextInt()));
                } else {
                    if (config.allowedRsv() == 7) {
                        config = new ReaderConfig(server, config.maxFramePayload(), config.maxMessageSize(), 3);
                    }
                    int allowed = config.allowedRsv();
                    int bad;
                    do {
                        bad = 1 + r.nextInt(7);
                    } while ((bad & ~allowed) == 0);
                    frames.set(k, f.rsv(bad));
                }
                break;
            }
            case RESERVED_OPCODE: {
                int[] reserved = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};
                inserted.add(RawFrame.of(reserved[r.nextInt(reserved.length)], randomBytes(r, r.nextInt(10))).fin(r.nextBoolean()));
                break;
            }
            case CONTROL_TOO_LONG: {
                int opcode = Opcode.CLOSE + r.nextInt(3);
                inserted.add(r.nextBoolean()
                        ? RawFrame.of(opcode, randomBytes(r, 126 + r.nextInt(100)))
                        : RawFrame.of(opcode, randomBytes(r, r.nextInt(126))).form(r.nextBoolean() ? LengthForm.SIXTEEN : LengthForm.SIXTY_FOUR));
                break;
            }
            case FRAGMENTED_CONTROL: {
                int opcode = Opcode.CLOSE + r.nextInt(3);
                byte[] payload = opcode == Opcode.CLOSE ? RawFrame.close(1000, "").payload() : randomBytes(r, r.nextInt(10));
                inserted.add(RawFrame.of(opcode, payload).fin(false));
                break;
            }
            case LENGTH_HIGH_BIT: {
                long declared = Long.MIN_VALUE | (r.nextLong() >>> 1);
                inserted.add(RawFrame.of(r.nextInt(3), randomBytes(r, r.nextInt(10))).form(LengthForm.SIXTY_FOUR).declaredLength(declared));
                break;
            }
            case FRAME_TOO_BIG: {
                long declared = config.maxFramePayload() + 1 + r.nextInt(1000);
                inserted.add(RawFrame.of(r.nextInt(3), randomBytes(r, r.nextInt(10))).declaredLength(declared));
                break;
            }
            case CONTINUATION_WITHOUT_MESSAGE:
                at = betweenMessages;
                inserted.add(RawFrame.continuation(randomBytes(r, r.nextInt(10))).fin(r.nextBoolean()));
                break;
            case MESSAGE_INSIDE_MESSAGE:
                at = betweenMessages;
                inserted.add(RawFrame.of(1 + r.nextInt(2), "ab".getBytes(StandardCharsets.US_ASCII)).fin(false));
                if (r.nextBoolean()) {
                    inserted.add(RawFrame.ping(randomBytes(r, 3)));
                }
                inserted.add(RawFrame.of(1 + r.nextInt(2), "cd".getBytes(StandardCharsets.US_ASCII)).fin(r.nextBoolean()));
                break;
            case INVALID_UTF8: {
                at = betweenMessages;
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                text.writeBytes(randomText(r, r.nextInt(20)));
                text.writeBytes(BAD_UTF8[r.nextInt(BAD_UTF8.length)]);
                text.writeBytes(randomText(r, r.nextInt(20)));
                inserted.addAll(fragments(text.toByteArray(), r));
                break;
            }
            case TEXT_ENDS_MID_CHARACTER: {
                at = betweenMessages;
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                text.writeBytes(randomText(r, r.nextInt(20)));
                byte[] wide = new String(Character.toChars(pickWideCodePoint(r))).getBytes(StandardCharsets.UTF_8);
                text.writeBytes(Arrays.copyOf(wide, 1 + r.nextInt(wide.length - 1)));
                inserted.addAll(fragments(text.toByteArray(), r));
                break;
            }
            case CLOSE_ONE_BYTE:
                inserted.add(RawFrame.of(Opcode.CLOSE, randomBytes(r, 1)));
                break;
            case CLOSE_BAD_CODE:
                inserted.add(RawFrame.close(BAD_CLOSE_CODES[r.nextInt(BAD_CLOSE_CODES.length)], r.nextBoolean() ? "" : "why"));
                break;
            case CLOSE_BAD_REASON: {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(RawFrame.close(1000, "").payload());
                body.writeBytes(randomText(r, r.nextInt(10)));
                body.writeBytes(BAD_UTF8[r.nextInt(BAD_UTF8.length)]);
                inserted.add(RawFrame.of(Opcode.CLOSE, body.toByteArray()));
                break;
            }
            case MESSAGE_TOO_BIG: {
                at = betweenMessages;
                int size = 1 + r.nextInt(300);
                boolean binary = r.nextBoolean();
                byte[] payload = binary ? randomBytes(r, size) : "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
                List<RawFrame> message = fragments(payload, r);
                if (binary) {
                    message.set(0, message.get(0).opcode(Opcode.BINARY));
                }
                inserted.addAll(message);
                config = new ReaderConfig(server, config.maxFramePayload(), r.nextInt(size), config.allowedRsv());
                break;
            }
            default:
                throw new AssertionError(v);
        }
        List<RawFrame> dressed = new ArrayList<>();
        inserted.forEach(f -> dressed.add(f.maskedIf(server, r.nextInt())));
        frames.addAll(at, dressed);
        if (close != null) {
            close.frames().forEach(f -> frames.add(f.maskedIf(server, r.nextInt())));
        }
        return new Scenario(config, frames, close == null ? new byte[0] : trailing, List.of(), List.of(), v.name(), v.code);
    }

    /** A text message of the given bytes in one to three fragments. */
    private static List<RawFrame> fragments(byte[] payload, Random r) {
        int pieces = 1 + r.nextInt(3);
        List<Integer> cuts = new ArrayList<>();
        for (int k = 1; k < pieces; k++) {
            cuts.add(r.nextInt(payload.length + 1));
        }
        List<RawFrame> frames = fragmented(Opcode.TEXT, payload, cuts, Arrays.asList(null, null, null)).frames();
        return new ArrayList<>(frames);
    }

    private static int pickWideCodePoint(Random r) {
        int[][] ranges = {{0x80, 0x7FF}, {0x800, 0xD7FF}, {0xE000, 0xFFFF}, {0x10000, 0x10FFFF}};
        int[] range = ranges[r.nextInt(ranges.length)];
        return range[0] + r.nextInt(range[1] - range[0] + 1);
    }

    private static byte[] randomText(Random r, int codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < codePoints; k++) {
            sb.appendCodePoint(r.nextInt(3) == 0 ? pickWideCodePoint(r) : 0x20 + r.nextInt(0x5F));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
