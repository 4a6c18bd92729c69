package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import io.wssocket.test.Chunks;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The parser gives the same result for every way the bytes can arrive: split at every single
 * boundary, or in random chunks. Valid heads are checked against a whole-text reference model.
 */
class HttpRequestParserSplitProperties {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final HandshakeLimits TIGHT = new HandshakeLimits(48, 10, 400);

    record Field(String name, String leadingOws, String value, String trailingOws) {
        String render() {
            return name + ":" + leadingOws + value + trailingOws;
        }
    }

    record Spec(String leadingEmptyLines, String method, String target, String version, List<Field> fields,
            boolean bareLf, byte[] trailing) {

        String head() {
            String eol = bareLf ? "\n" : "\r\n";
            StringBuilder sb = new StringBuilder(leadingEmptyLines);
            sb.append(method).append(' ').append(target).append(' ').append(version).append(eol);
            for (Field f : fields) {
                sb.append(f.render()).append(eol);
            }
            return sb.append(eol).toString();
        }

        byte[] bytes() {
            return concat(head().getBytes(StandardCharsets.ISO_8859_1), trailing);
        }

        @Override
        public String toString() {
            return head().replace("\r", "\\r").replace("\n", "\\n") + " + " + Arrays.toString(trailing);
        }
    }

    /** An invalid request: a valid one with one fault inserted into its head. */
    record Invalid(String head, String fault) {
        @Override
        public String toString() {
            return fault + ": " + head.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    // ---- properties ----

    @Property(tries = 200)
    void everyTwoChunkSplitGivesTheReferenceRequest(@ForAll("validRequests") Spec spec) throws Exception {
        byte[] all = spec.bytes();
        HttpRequest expected = HttpHeadReference.request(spec.head());

        for (int cut = 0; cut <= all.length; cut++) {
            Result result = feed(all, List.of(cut, all.length - cut), ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            assertThat(result.request()).as("split at %d", cut).isEqualTo(expected);
            assertThat(result.unconsumed()).as("split at %d", cut).containsExactly(spec.trailing());
        }
    }

    @Property(tries = 500)
    void randomMultiChunkSplitsGiveTheReferenceRequest(
            @ForAll("validRequests") Spec spec,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 64) Integer> chunkSizes) throws Exception {
        byte[] all = spec.bytes();

        Result result = feed(all, Chunks.cycle(chunkSizes, all.length), ConnectionSettings.handshakeLimits(OptionValues.defaults()));

        assertThat(result.request()).isEqualTo(HttpHeadReference.request(spec.head()));
        assertThat(result.unconsumed()).containsExactly(spec.trailing());
    }

    @Property(tries = 200)
    void everySplitOfAnInvalidRequestFailsWithTheSameStatus(
            @ForAll("invalidRequests") Invalid invalid,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 32) Integer> chunkSizes) {
        byte[] all = invalid.head().getBytes(StandardCharsets.ISO_8859_1);
        int expected = statusOf(all, List.of(all.length));
        assertThat(expected).isIn(400, 414, 431);

        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(statusOf(all, List.of(cut, all.length - cut))).as("split at %d", cut).isEqualTo(expected);
        }
        assertThat(statusOf(all, Chunks.cycle(chunkSizes, all.length))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void arbitraryBytesGiveTheSameOutcomeForEverySplit(
            @ForAll("headLikeBytes") byte[] all,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 16) Integer> chunkSizes) {
        String expected = outcome(all, List.of(all.length));

        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(outcome(all, List.of(cut, all.length - cut))).as("split at %d", cut).isEqualTo(expected);
        }
        assertThat(outcome(all, Chunks.cycle(chunkSizes, all.length))).isEqualTo(expected);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Spec> validRequests() {
        Arbitrary<String> leading = Arbitraries.of("", "", "", "\r\n", "\n", "\r\n\r\n");
        Arbitrary<String> method = Arbitraries.oneOf(
                Arbitraries.of("GET", "POST", "OPTIONS"), Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> target = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(s -> "/" + s);
        Arbitrary<String> version = Arbitraries.integers().between(0, 99).map(n -> "HTTP/" + n / 10 + "." + n % 10);
        Arbitrary<Boolean> bareLf = Arbitraries.of(false, false, true);
        Arbitrary<byte[]> trailing = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
        return Combinators.combine(leading, method, target, version, fields(), bareLf, trailing).as(Spec::new);
    }

    private static Arbitrary<List<Field>> fields() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("Host", "host", "Upgrade", "X-Rep", "x-REP"));
        Arbitrary<String> ows = Arbitraries.strings().withChars(" \t").ofMaxLength(3);
        Arbitrary<String> value = Arbitraries.strings()
                .withCharRange('!', '~').withCharRange('\u0080', '\u00ff').withChars(" \t")
                .ofMaxLength(40);
        return Combinators.combine(name, ows, value, ows).as(Field::new).list().ofMaxSize(15);
    }

    @Provide
    Arbitrary<Invalid> invalidRequests() {
        Arbitrary<String> ctl = Arbitraries.integers().between(0, 0x1f).filter(c -> c != '\t' && c != '\n')
                .map(c -> String.valueOf((char) c.intValue()));
        Arbitrary<String> faultLine = Arbitraries.oneOf(
                ctl.map(c -> "X-Ctl: a" + c + "b"),
                Arbitraries.of("X-Del: a\u007fb", "X-Cr: a\rb", "Host : h", "Host\t: h", " folded", "\tfolded", "NoColon",
                        ": empty-name", "X(Y: 1", "X\u00e9: 1"));
        Arbitrary<Invalid> badHeader = Combinators.combine(validRequests(), faultLine, Arbitraries.integers().between(0, 15))
                .as((spec, line, at) -> {
                    List<String> lines = new ArrayList<>();
                    spec.fields().forEach(f -> lines.add(f.render()));
                    lines.add(Math.min(at, lines.size()), line);
                    String eol = spec.bareLf() ? "\n" : "\r\n";
                    String head = spec.leadingEmptyLines() + spec.method() + " " + spec.target() + " " + spec.version()
                            + eol + String.join(eol, lines) + eol + eol;
                    return new Invalid(head, "header line " + line);
                });
        Arbitrary<String> badRequestLine = Arbitraries.of(
                "GET /", "GET / HTTP/1", "GET / HTTX/1.1", "GET  / HTTP/1.1", "GET / HTTP/1.1 ", "G(T / HTTP/1.1",
                "GET /\u00e9 HTTP/1.1", "GET /a\u0000 HTTP/1.1", "GET /" + "x".repeat(60) + " HTTP/1.1");
        Arbitrary<Invalid> badStart = Combinators.combine(validRequests(), badRequestLine).as((spec, line) -> {
            String head = spec.head();
            int afterRequestLine = head.indexOf('\n', spec.leadingEmptyLines().length()) + 1;
            return new Invalid(line + "\r\n" + head.substring(afterRequestLine), "request line " + line);
        });
        // Under TIGHT limits many otherwise valid requests cross a size or count limit.
        Arbitrary<Invalid> tooBig = validRequests()
                .map(spec -> new Invalid(spec.head(), "limits"))
                .filter(inv -> statusOrZero(inv.head()) != 0);
        return Arbitraries.oneOf(badHeader, badStart, tooBig);
    }

    @Provide
    Arbitrary<byte[]> headLikeBytes() {
        return Arbitraries.strings().withChars("GET /HTP1.\r\n: \tabX\u0001\u00e9").ofMaxLength(60)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- feeding ----

    record Result(HttpRequest request, byte[] unconsumed) {
    }

    /** Feeds {@code all} in chunks of the given sizes; returns the request and what was left. */
    static Result feed(byte[] all, List<Integer> chunkSizes, HandshakeLimits limits) throws HttpStatusException {
        HttpRequestParser parser = new HttpRequestParser(limits);
        int offset = 0;
        for (int size : chunkSizes) {
            ByteBuffer chunk = ByteBuffer.wrap(all, offset, size);
            offset += size;
            if (parser.parse(chunk)) {
                return new Result(parser.request(), Arrays.copyOfRange(all, chunk.position(), all.length));
            }
            assertThat(chunk.hasRemaining()).as("an incomplete parse consumes its whole chunk").isFalse();
        }
        return fail("head not complete after all %d bytes", all.length);
    }

    private static int statusOf(byte[] all, List<Integer> chunkSizes) {
        HttpStatusException e = catchThrowableOfType(HttpStatusException.class, () -> feed(all, chunkSizes, TIGHT));
        assertThat(e).as("parse fails").isNotNull();
        return e.status();
    }

    private static int statusOrZero(String head) {
        byte[] all = head.getBytes(StandardCharsets.ISO_8859_1);
        HttpStatusException e = catchThrowableOfType(HttpStatusException.class,
                () -> new HttpRequestParser(TIGHT).parse(ByteBuffer.wrap(all)));
        return e == null ? 0 : e.status();
    }

    /** "status N", "incomplete", or "complete <request> + <leftover>". */
    private static String outcome(byte[] all, List<Integer> chunkSizes) {
        HttpRequestParser parser = new HttpRequestParser(TIGHT);
        try {
            int left = Chunks.feed(all, chunkSizes, parser::parse);
            return left < 0 ? "incomplete" : "complete " + parser.request() + " + " + left;
        } catch (HttpStatusException e) {
            return "status " + e.status() + " " + e.getMessage();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
