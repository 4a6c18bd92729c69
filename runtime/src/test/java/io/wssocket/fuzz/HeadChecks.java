package io.wssocket.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import io.wssocket.fuzz.HeadFeeder.Outcome;
import io.wssocket.fuzz.HeadFeeder.Parser;
import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.HttpHeadReference;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the request and the response fuzz tests check: the same outcome however the bytes are
 * split, a decision within what the {@link HandshakeLimits} allow to be read, and for a head the
 * parser accepts, the reference's reading of it, with no longer a start line and no more header
 * fields than the limits allow.
 *
 * <p>Options of both fuzz tests: bits 0-1 the limits ({@link #LIMITS}).
 */
final class HeadChecks {
    /** What differs between a request and a response head, for the checks. */
    record Kind<H>(Function<HandshakeLimits, Parser> parser, Function<String, H> reference,
            ToIntFunction<H> startLineLength, Function<H, Map<String, List<String>>> headers) {
    }

    /** method SP request-target SP HTTP-version (RFC 9112 §3). */
    static final Kind<HttpRequest> REQUEST = new Kind<>(Parser::request, HttpHeadReference::request,
            r -> r.method().length() + 1 + r.target().length() + 1 + r.version().length(), HttpRequest::headers);

    /** HTTP-version SP 3DIGIT [SP reason-phrase] (RFC 9112 §4). */
    static final Kind<HttpResponse> RESPONSE = new Kind<>(Parser::response, HttpHeadReference::response,
            r -> 12 + (r.reason().isEmpty() ? 0 : 1 + r.reason().length()), HttpResponse::headers);

    /**
     * The defaults, then ever tighter limits that short inputs cross: every limit's check then
     * runs, at every byte position.
     */
    static final List<HandshakeLimits> LIMITS = List.of(ConnectionSettings.handshakeLimits(OptionValues.defaults()), new HandshakeLimits(48, 10, 400),
            new HandshakeLimits(16, 3, 64), new HandshakeLimits(1, 1, 1));

    private HeadChecks() {
    }

    /** The options byte of a case under {@code LIMITS.get(limits)}. */
    static int options(int limits) {
        return limits;
    }

    static HandshakeLimits limits(FuzzCase c) {
        return LIMITS.get(c.option(0, 2));
    }

    /** All the checks, on one case. */
    static <H> void check(Kind<H> kind, FuzzCase c) {
        Outcome outcome = sameOutcomeForEverySplit(kind.parser(), c);

        if (outcome.isComplete()) {
            HandshakeLimits limits = limits(c);
            H expected = kind.reference().apply(headText(c, outcome));
            assertThat(outcome.head()).as("the reference reading of %s", c).isEqualTo(expected);
            assertThat(kind.startLineLength().applyAsInt(expected)).as("start line length")
                    .isLessThanOrEqualTo(limits.maxRequestLineLength());
            assertFieldsWithinLimits(kind.headers().apply(expected), limits);
        }
    }

    /**
     * Feeds the case's input whole, in the case's chunks and byte by byte, checks that all three
     * end alike and that the parser decided in time, and returns how they ended.
     */
    private static Outcome sameOutcomeForEverySplit(Function<HandshakeLimits, Parser> parser, FuzzCase c) {
        HandshakeLimits limits = limits(c);
        byte[] input = c.input();
        Outcome whole = HeadFeeder.feed(() -> parser.apply(limits), input, List.of(input.length));

        assertThat(HeadFeeder.feed(() -> parser.apply(limits), input, c.chunkSizes())).as("split as %s", c).isEqualTo(whole);
        assertThat(HeadFeeder.feed(() -> parser.apply(limits), input, HeadFeeder.byteByByte(input)))
                .as("byte by byte: %s", c).isEqualTo(whole);
        int bound = decisionBound(limits);
        if (whole == Outcome.INCOMPLETE) {
            assertThat(input.length).as("undecided after all of %s", c).isLessThanOrEqualTo(bound);
        } else {
            assertThat(whole.decidedAt()).as("decided at, for %s", c).isLessThanOrEqualTo(bound);
        }
        return whole;
    }

    /**
     * The most bytes a parser may read before it must have decided: empty lines before a
     * request-line and the request-line itself each up to the line limit plus CRLF, the field lines
     * up to their limit (the LF that crosses it included), and the empty line that ends the head.
     * Whatever a parser holds, it has read: so it never holds more either.
     */
    private static int decisionBound(HandshakeLimits limits) {
        return 2 * (limits.maxRequestLineLength() + 2) + limits.maxHeaderBytes() + 1 + 2;
    }

    /** The bytes of a complete head, as the ISO-8859-1 text the reference reads. */
    private static String headText(FuzzCase c, Outcome complete) {
        return new String(c.input(), 0, complete.decidedAt(), StandardCharsets.ISO_8859_1);
    }

    /** Each field line is at least its name, ':', its value (obs-folds joined by one SP) and an LF. */
    private static void assertFieldsWithinLimits(Map<String, List<String>> headers, HandshakeLimits limits) {
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> field : headers.entrySet()) {
            for (String value : field.getValue()) {
                count++;
                bytes += field.getKey().length() + 1 + value.length() + 1;
            }
        }
        assertThat(count).as("header fields kept").isLessThanOrEqualTo(limits.maxHeaderCount());
        assertThat(bytes).as("header field bytes kept").isLessThanOrEqualTo(limits.maxHeaderBytes());
    }
}
