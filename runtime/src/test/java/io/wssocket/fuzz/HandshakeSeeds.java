package io.wssocket.fuzz;

import static io.wssocket.fuzz.SeedBytes.concat;
import static io.wssocket.fuzz.SeedBytes.latin1;

import io.wssocket.fuzz.HeadFeeder.Outcome;
import io.wssocket.fuzz.HeadFeeder.Parser;
import io.wssocket.handshake.HandshakeLimits;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Seeds of {@link HttpRequestParserFuzzTest} and {@link HttpResponseParserFuzzTest}: the opening handshake of RFC 6455 §1.2/§1.3 followed
 * by the first frame, the liberties RFC 9112 allows (bare LF, empty lines before a request-line,
 * OWS, repeated and differently cased fields, obs-text, a response's obs-fold), each way a head is
 * malformed, and each limit crossed; fed whole, byte by byte and in uneven chunks.
 */
final class HandshakeSeeds {
    private static final List<Integer> WHOLE = List.of();
    private static final List<Integer> BYTE_BY_BYTE = List.of(1);
    /** Indexes into {@link HeadChecks#LIMITS}. */
    private static final int DEFAULTS = 0;
    private static final int TIGHT = 1;
    private static final int TIGHTER = 2;
    private static final int ONE = 3;

    private static final String UPGRADE_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";
    private static final String SWITCHING_PROTOCOLS = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "\r\n";
    /** RFC 6455 §5.7: "Hello" as a client (masked) and as a server (unmasked) sends it. */
    private static final byte[] MASKED_HELLO = HexFormat.of().parseHex("818537fa213d7f9f4d5158");
    private static final byte[] HELLO = HexFormat.of().parseHex("810548656c6c6f");

    private HandshakeSeeds() {
    }

    /** "complete", "incomplete", or the status a server answers a bad request with. */
    static String requestOutcome(FuzzCase c) {
        return outcome(c, Parser::request, failure -> failure.substring(0, 3));
    }

    /** "complete", "incomplete", or "failed": a client fails the connection (RFC 6455 §4.1). */
    static String responseOutcome(FuzzCase c) {
        return outcome(c, Parser::response, failure -> "failed");
    }

    private static String outcome(FuzzCase c, Function<HandshakeLimits, Parser> parser, Function<String, String> failed) {
        HandshakeLimits limits = HeadChecks.limits(c);
        byte[] input = c.input();
        Outcome outcome = HeadFeeder.feed(() -> parser.apply(limits), input, List.of(input.length));
        if (outcome.isComplete()) {
            return "complete";
        }
        return outcome == Outcome.INCOMPLETE ? "incomplete" : failed.apply(outcome.failure());
    }

    static List<Seed> requests() {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(seed("rfc6455-1.2-upgrade-request", DEFAULTS, WHOLE, latin1(UPGRADE_REQUEST), "complete"));
        seeds.add(seed("upgrade-request-then-first-frame-byte-by-byte", DEFAULTS, BYTE_BY_BYTE,
                concat(latin1(UPGRADE_REQUEST), MASKED_HELLO), "complete"));
        seeds.add(seed("upgrade-request-in-uneven-chunks-tight-limits", TIGHT, List.of(5, 0, 17, 2),
                latin1(UPGRADE_REQUEST.replace("Origin: http://example.com\r\n", "")), "complete"));
        seeds.add(head("empty-lines-first-and-bare-lf", List.of(1, 3), "\r\n\nGET / HTTP/1.1\nHost: a\n\n", "complete"));
        seeds.add(head("absolute-form-repeated-fields-ows-obs-text", List.of(11),
                "GET ws://example.com:8080/chat?room=1 HTTP/1.1\r\nX-A: 1\r\nx-a:\t2 \r\nX-Empty:\r\nX-Obs: caf\u00e9\r\n\r\n",
                "complete"));
        seeds.add(head("obs-fold-is-rejected", WHOLE, "GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n", "400"));
        seeds.add(head("whitespace-before-colon", WHOLE, "GET / HTTP/1.1\r\nHost : a\r\n\r\n", "400"));
        seeds.add(head("field-without-colon", WHOLE, "GET / HTTP/1.1\r\nHost\r\n\r\n", "400"));
        seeds.add(head("control-character-in-value", WHOLE, "GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n", "400"));
        seeds.add(head("lowercase-http-version", WHOLE, "GET / http/1.1\r\n\r\n", "400"));
        seeds.add(head("cr-inside-the-request-line", List.of(6), "GET /\r HTTP/1.1\r\n\r\n", "400"));
        seeds.add(seed("request-line-of-48-bytes-at-the-limit", TIGHT, List.of(47, 1, 1),
                latin1("GET /" + "a".repeat(34) + " HTTP/1.1\r\n\r\n"), "complete"));
        seeds.add(seed("request-line-over-48-bytes", TIGHT, List.of(20),
                latin1("GET /" + "a".repeat(60) + " HTTP/1.1\r\n\r\n"), "414"));
        seeds.add(seed("too-many-empty-lines-first", TIGHT, WHOLE, latin1("\r\n".repeat(30) + "GET / HTTP/1.1\r\n\r\n"),
                "400"));
        seeds.add(seed("more-than-3-fields", TIGHTER, BYTE_BY_BYTE,
                latin1("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"), "431"));
        seeds.add(seed("fields-over-64-bytes", TIGHTER, WHOLE,
                latin1("GET / HTTP/1.1\r\nX-Long: " + "v".repeat(70) + "\r\n\r\n"), "431"));
        seeds.add(seed("limits-of-1-byte", ONE, WHOLE, latin1("GET / HTTP/1.1\r\n\r\n"), "414"));
        seeds.add(head("head-cut-short", WHOLE, "GET / HTTP/1.1\r\nHost: a\r\n", "incomplete"));
        return seeds;
    }

    static List<Seed> responses() {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(seed("rfc6455-1.3-switching-protocols-then-first-frame", DEFAULTS, WHOLE,
                concat(latin1(SWITCHING_PROTOCOLS), HELLO), "complete"));
        seeds.add(seed("switching-protocols-byte-by-byte", DEFAULTS, BYTE_BY_BYTE, latin1(SWITCHING_PROTOCOLS),
                "complete"));
        seeds.add(head("no-reason-phrase-bare-lf", List.of(4, 9), "HTTP/1.1 101\nUpgrade: websocket\n\n", "complete"));
        seeds.add(head("obs-fold-replaced-by-sp", List.of(2),
                "HTTP/1.1 101 OK\r\nX-Folded: a\r\n  b\r\n\tc \r\nX-After: d\r\n\r\n", "complete"));
        seeds.add(head("reason-with-tab-and-obs-text", WHOLE, "HTTP/1.1 403 Verboten\t\u00fcberall\r\n\r\n",
                "complete"));
        seeds.add(head("error-status-with-a-body-after-the-head", List.of(30),
                "HTTP/1.0 400 Bad Request\r\nContent-Length: 5\r\n\r\nwhat?", "complete"));
        seeds.add(head("four-digit-status", WHOLE, "HTTP/1.1 1010 x\r\n\r\n", "failed"));
        seeds.add(head("lowercase-version", WHOLE, "http/1.1 101 x\r\n\r\n", "failed"));
        seeds.add(head("empty-line-before-the-status-line", WHOLE, "\r\nHTTP/1.1 101 x\r\n\r\n", "failed"));
        seeds.add(head("control-character-in-reason", WHOLE, "HTTP/1.1 101 a\u0000b\r\n\r\n", "failed"));
        seeds.add(head("fold-before-the-first-field", WHOLE, "HTTP/1.1 101 x\r\n folded\r\n\r\n", "failed"));
        seeds.add(seed("status-line-of-16-bytes-at-the-limit", TIGHTER, List.of(15, 1, 1),
                latin1("HTTP/1.1 101 Yes\r\n\r\n"), "complete"));
        seeds.add(seed("status-line-over-16-bytes", TIGHTER, WHOLE, latin1(SWITCHING_PROTOCOLS), "failed"));
        seeds.add(seed("more-than-3-fields", TIGHTER, List.of(3),
                latin1("HTTP/1.1 101\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"), "failed"));
        seeds.add(seed("limits-of-1-byte", ONE, WHOLE, latin1("HTTP/1.1 101\r\n\r\n"), "failed"));
        seeds.add(head("head-cut-short", WHOLE, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n",
                "incomplete"));
        return seeds;
    }

    /** A head under the default limits. */
    private static Seed head(String name, List<Integer> splits, String head, String expected) {
        return seed(name, DEFAULTS, splits, latin1(head), expected);
    }

    private static Seed seed(String name, int limits, List<Integer> splits, byte[] input, String expected) {
        return new Seed(name, new FuzzCase(HeadChecks.options(limits), splits, input), expected);
    }
}
