package io.wssocket.handshake;

import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The response parser gives the same result for every way the bytes can arrive, split at every
 * single boundary or at random cut points, and leaves the bytes after the head (the server's first
 * frames) unconsumed. Valid heads are checked against a whole-text reference model.
 */
class HttpResponseParserSplitProperties {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final HandshakeLimits TIGHT = new HandshakeLimits(40, 6, 200);

    /** A response head and the bytes that follow it on the connection. */
    record Spec(String head, byte[] trailing) {
        byte[] bytes() {
            byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = Arrays.copyOf(h, h.length + trailing.length);
            System.arraycopy(trailing, 0, all, h.length, trailing.length);
            return all;
        }

        String expectedOutcome() {
            return complete(HttpHeadReference.response(head), trailing);
        }

        @Override
        public String toString() {
            return head.replace("\r", "\\r").replace("\n", "\\n") + " + " + Arrays.toString(trailing);
        }
    }

    // ---- properties ----

    @Property(tries = 200)
    void everyTwoChunkSplitGivesTheReferenceResponse(@ForAll("validResponses") Spec spec) {
        byte[] all = spec.bytes();

        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(outcome(all, List.of(cut), ConnectionSettings.handshakeLimits(OptionValues.defaults())))
                    .as("split at %d", cut).isEqualTo(spec.expectedOutcome());
        }
    }

    @Property(tries = 500)
    void randomMultiChunkSplitsGiveTheReferenceResponse(
            @ForAll("validResponses") Spec spec,
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 1000) Integer> cuts) {
        assertThat(outcome(spec.bytes(), cuts, ConnectionSettings.handshakeLimits(OptionValues.defaults()))).isEqualTo(spec.expectedOutcome());
    }

    /** Under tight limits many valid heads cross one, each at its own byte: every split must agree. */
    @Property(tries = 200)
    void validResponsesUnderTightLimitsGiveTheSameOutcomeForEverySplit(
            @ForAll("validResponses") Spec spec,
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 1000) Integer> cuts) {
        assertSameOutcomeForEverySplit(spec.bytes(), cuts);
    }

    @Property(tries = 300)
    void arbitraryBytesGiveTheSameOutcomeForEverySplit(
            @ForAll("headLikeBytes") byte[] all,
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        assertSameOutcomeForEverySplit(all, cuts);
    }

    private static void assertSameOutcomeForEverySplit(byte[] all, List<Integer> cuts) {
        String whole = outcome(all, List.of(), TIGHT);

        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(outcome(all, List.of(cut), TIGHT)).as("split at %d", cut).isEqualTo(whole);
        }
        assertThat(outcome(all, cuts, TIGHT)).as("split at %s", cuts).isEqualTo(whole);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Spec> validResponses() {
        Arbitrary<String> reason = Arbitraries.strings()
                .withCharRange(' ', '~').withChars("\t\u00e9\u0085").ofMaxLength(25);
        Arbitrary<String> statusLine = Combinators.combine(
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0"),
                Arbitraries.integers().between(100, 999),
                Arbitraries.oneOf(reason.map(r -> " " + r), Arbitraries.just("")))
                .as((version, status, spAndReason) -> version + " " + status + spAndReason);
        Arbitrary<String> eol = Arbitraries.of("\r\n", "\r\n", "\n");
        Arbitrary<String> head = Combinators.combine(statusLine, fieldLines().list().ofMaxSize(10), eol)
                .as((s, fields, e) -> {
                    StringBuilder sb = new StringBuilder(s).append(e);
                    fields.forEach(lines -> lines.forEach(line -> sb.append(line).append(e)));
                    return sb.append(e).toString();
                });
        return Combinators.combine(head, Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).as(Spec::new);
    }

    /** One field: its field line, then now and then obs-fold continuation lines. */
    private static Arbitrary<List<String>> fieldLines() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(16),
                Arbitraries.of("Upgrade", "connection", "Sec-WebSocket-Accept", "X-Rep", "x-rep"));
        Arbitrary<String> ows = Arbitraries.strings().withChars(" \t").ofMaxLength(2);
        Arbitrary<String> rws = Arbitraries.strings().withChars(" \t").ofMinLength(1).ofMaxLength(2);
        Arbitrary<String> value = Arbitraries.strings()
                .withCharRange('!', '~').withCharRange('\u0080', '\u00ff').withChars(" \t")
                .ofMaxLength(30);
        Arbitrary<String> fold = Combinators.combine(rws, value, ows).as((a, v, b) -> a + v + b);
        Arbitrary<List<String>> folds = Arbitraries.oneOf(Arbitraries.just(List.of()), fold.list().ofMaxSize(2));
        return Combinators.combine(name, ows, value, ows, folds).as((n, a, v, b, continuations) -> {
            List<String> lines = new ArrayList<>();
            lines.add(n + ":" + a + v + b);
            lines.addAll(continuations);
            return lines;
        });
    }

    @Provide
    Arbitrary<byte[]> headLikeBytes() {
        Arbitrary<String> start = Arbitraries.of("HTTP/1.1 101 ", "HTTP/1.1 101", "HTTP/1.1 101 x\r\nX: a\r\n", "");
        Arbitrary<String> rest = Arbitraries.strings().withChars("HTTP/1.1 01\r\n: \tabX\u0001\u00e9").ofMaxLength(60);
        return Combinators.combine(start, rest).as((s, r) -> (s + r).getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- feeding ----

    /**
     * Feeds {@code all} in chunks that end at the given cut points (taken modulo the length, in
     * any order, repeats giving empty chunks) and at the end; says how parsing ended.
     */
    private static String outcome(byte[] all, List<Integer> cuts, HandshakeLimits limits) {
        int[] ends = IntStream.concat(cuts.stream().mapToInt(cut -> cut % (all.length + 1)), IntStream.of(all.length))
                .sorted().toArray();
        HttpResponseParser parser = new HttpResponseParser(limits);
        int start = 0;
        try {
            for (int end : ends) {
                ByteBuffer chunk = ByteBuffer.wrap(all, start, end - start);
                start = end;
                if (parser.parse(chunk)) {
                    return complete(parser.response(), Arrays.copyOfRange(all, chunk.position(), all.length));
                }
                assertThat(chunk.hasRemaining()).as("an incomplete parse consumes its whole chunk").isFalse();
            }
            return "incomplete";
        } catch (HandshakeFailedException e) {
            return "failed: " + e.getMessage();
        }
    }

    private static String complete(HttpResponse response, byte[] unconsumed) {
        return "complete " + response + " leaving " + Arrays.toString(unconsumed);
    }
}
