package io.wssocket.handshake;

import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestParserTest {

    private static final String HANDSHAKE = "GET /chat?room=1 HTTP/1.1\r\n"
            + "Host: example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpRequest parse(String s) throws HttpStatusException {
        HttpRequestParser parser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        ByteBuffer in = bytes(s);
        assertThat(parser.parse(in)).as("head complete").isTrue();
        assertThat(in.remaining()).isZero();
        return parser.request();
    }

    private static HttpStatusException failure(String s, HandshakeLimits limits) {
        return catchThrowableOfType(HttpStatusException.class,
                () -> new HttpRequestParser(limits).parse(bytes(s)));
    }

    private static HttpStatusException failure(String s) {
        return failure(s, ConnectionSettings.handshakeLimits(OptionValues.defaults()));
    }

    @Nested
    class ValidRequests {

        @Test
        void parsesRequestLineAndHeaders() throws Exception {
            HttpRequest request = parse(HANDSHAKE);

            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("/chat?room=1");
            assertThat(request.path()).isEqualTo("/chat");
            assertThat(request.query()).isEqualTo("room=1");
            assertThat(request.version()).isEqualTo("HTTP/1.1");
            assertThat(request.header("Host")).isEqualTo("example.com");
            assertThat(request.header("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
            assertThat(request.headers()).hasSize(5);
        }

        @Test
        void headerNamesAreCaseInsensitive() throws Exception {
            HttpRequest request = parse(HANDSHAKE);

            assertThat(request.header("upgrade")).isEqualTo("websocket");
            assertThat(request.header("UPGRADE")).isEqualTo("websocket");
            assertThat(request.headerValues("sec-websocket-version")).containsExactly("13");
            assertThat(request.headers()).containsKey("connection");
        }

        @Test
        void repeatedHeadersKeepTheirValuesInOrder() throws Exception {
            HttpRequest request = parse("GET / HTTP/1.1\r\nX-A: 1\r\nx-a: 2\r\nHost: h\r\nX-A: 3\r\n\r\n");

            assertThat(request.headerValues("X-A")).containsExactly("1", "2", "3");
            assertThat(request.header("x-A")).isEqualTo("1");
            assertThat(request.headers().keySet()).containsExactly("Host", "X-A");
        }

        @Test
        void absentHeaderIsAnEmptyListOrNull() throws Exception {
            HttpRequest request = parse(HANDSHAKE);

            assertThat(request.headerValues("Origin")).isEmpty();
            assertThat(request.header("Origin")).isNull();
        }

        @Test
        void headersAndTheirValuesAreUnmodifiable() throws Exception {
            HttpRequest request = parse(HANDSHAKE);

            assertThatThrownBy(() -> request.headers().put("X", List.of("y")))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.headerValues("Host").add("other"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void optionalWhitespaceAroundValuesIsTrimmedButInnerWhitespaceKept() throws Exception {
            HttpRequest request = parse("GET / HTTP/1.1\r\nA:value\r\nB: \t a  b \t \r\nC:\r\nD:   \r\n\r\n");

            assertThat(request.header("A")).isEqualTo("value");
            assertThat(request.header("B")).isEqualTo("a  b");
            assertThat(request.header("C")).isEmpty();
            assertThat(request.header("D")).isEmpty();
        }

        @Test
        void bareLineFeedsEndLines() throws Exception {
            HttpRequest request = parse("GET /x HTTP/1.1\nHost: h\r\nUpgrade: websocket\n\n");

            assertThat(request.target()).isEqualTo("/x");
            assertThat(request.header("Host")).isEqualTo("h");
            assertThat(request.header("Upgrade")).isEqualTo("websocket");
        }

        @Test
        void emptyLinesBeforeTheRequestLineAreIgnored() throws Exception {
            HttpRequest request = parse("\r\n\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");

            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.header("Host")).isEqualTo("h");
        }

        @Test
        void obsTextInValuesIsDecodedAsIso88591() throws Exception {
            HttpRequest request = parse("GET / HTTP/1.1\r\nX: caf\u00e9\u00ff\r\n\r\n");

            assertThat(request.header("X")).isEqualTo("caf\u00e9\u00ff");
        }

        @Test
        void targetWithoutQueryHasNullQueryAndEmptyQueryIsEmpty() throws Exception {
            assertThat(parse("GET /a/b HTTP/1.1\r\n\r\n").query()).isNull();
            HttpRequest emptyQuery = parse("GET /a? HTTP/1.1\r\n\r\n");
            assertThat(emptyQuery.path()).isEqualTo("/a");
            assertThat(emptyQuery.query()).isEmpty();
        }

        @Test
        void absoluteFormTargetHasThePathAfterTheAuthority() throws Exception {
            HttpRequest request = parse("GET ws://example.com:8080/chat?x=1 HTTP/1.1\r\n\r\n");

            assertThat(request.target()).isEqualTo("ws://example.com:8080/chat?x=1");
            assertThat(request.path()).isEqualTo("/chat");
            assertThat(request.query()).isEqualTo("x=1");
            assertThat(parse("GET http://example.com HTTP/1.1\r\n\r\n").path()).isEqualTo("/");
        }

        @Test
        void bytesAfterTheHeadStayInTheBuffer() throws Exception {
            HttpRequestParser parser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            byte[] head = HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1);
            byte[] frame = {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 5};
            ByteBuffer in = ByteBuffer.allocate(head.length + frame.length).put(head).put(frame).flip();

            assertThat(parser.parse(in)).isTrue();

            assertThat(in.position()).isEqualTo(head.length);
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            assertThat(rest).containsExactly(frame);
        }

        @Test
        void returnsFalseAndConsumesEverythingUntilTheHeadIsComplete() throws Exception {
            HttpRequestParser parser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            ByteBuffer first = bytes("GET / HTTP/1.1\r\nHost: h\r");

            assertThat(parser.parse(first)).isFalse();
            assertThat(first.remaining()).isZero();
            assertThatThrownBy(parser::request).isInstanceOf(IllegalStateException.class);

            assertThat(parser.parse(bytes("\n\r"))).isFalse();
            assertThat(parser.parse(bytes("\nrest"))).isTrue();
            assertThat(parser.request().header("host")).isEqualTo("h");
        }

        @Test
        void oneByteAtATimeGivesTheSameRequest() throws Exception {
            HttpRequestParser parser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            byte[] all = HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < all.length; i++) {
                boolean done = parser.parse(ByteBuffer.wrap(all, i, 1));
                assertThat(done).isEqualTo(i == all.length - 1);
            }
            assertThat(parser.request()).isEqualTo(parse(HANDSHAKE));
        }

        @Test
        void afterCompletionFurtherCallsConsumeNothing() throws Exception {
            HttpRequestParser parser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            parser.parse(bytes(HANDSHAKE));
            ByteBuffer more = bytes("GET / HTTP/1.1\r\n");

            assertThat(parser.parse(more)).isTrue();
            assertThat(more.position()).isZero();
        }

        @Test
        void headExactlyAtEveryLimitIsAccepted() throws Exception {
            // request-line "GET / HTTP/1.1" is 14 bytes; two field lines "A: 1\r\n" are 12 bytes
            HandshakeLimits limits = new HandshakeLimits(14, 2, 12);
            HttpRequestParser parser = new HttpRequestParser(limits);

            assertThat(parser.parse(bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n"))).isTrue();
            assertThat(parser.request().headers()).hasSize(2);
        }
    }

    @Nested
    class MalformedRequests {

        @ParameterizedTest
        @ValueSource(strings = {
            "GET /\r\n\r\n",
            "GET\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET /  HTTP/1.1\r\n\r\n",
            " GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1 \r\n\r\n",
            "GET / HTTP/1.1 extra\r\n\r\n",
            "G(T / HTTP/1.1\r\n\r\n",
            "G\u00c9T / HTTP/1.1\r\n\r\n",
            "GET /caf\u00e9 HTTP/1.1\r\n\r\n",
            "GET /a\u0001b HTTP/1.1\r\n\r\n",
            "GET /a\rb HTTP/1.1\r\n\r\n",
            "GET\t/ HTTP/1.1\r\n\r\n",
        })
        void malformedRequestLineIs400(String request) {
            assertThat(failure(request).status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTP/1", "HTTP/1.1.1", "http/1.1", "HTTP/11", "HTTP/a.b", "HTTP 1.1", "HTTPS/1.1"})
        void badVersionIs400(String version) {
            HttpStatusException e = failure("GET / " + version + "\r\n\r\n");

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("version");
        }

        @Test
        void whitespaceBeforeColonIs400() {
            HttpStatusException e = failure("GET / HTTP/1.1\r\nHost : h\r\n\r\n");

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("Whitespace").contains("RFC 9112 §5.1");
            assertThat(failure("GET / HTTP/1.1\r\nHost\t: h\r\n\r\n").status()).isEqualTo(400);
        }

        @Test
        void obsoleteLineFoldingIs400() {
            HttpStatusException e = failure("GET / HTTP/1.1\r\nX: a\r\n  continued\r\n\r\n");

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("folding");
            assertThat(failure("GET / HTTP/1.1\r\nX: a\r\n\tcontinued\r\n\r\n").status()).isEqualTo(400);
        }

        @Test
        void whitespaceBeforeTheFirstHeaderIs400() {
            assertThat(failure("GET / HTTP/1.1\r\n Host: h\r\n\r\n").status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u0001", "\u001f", "\u007f", "\r", "\u000b"})
        void controlCharacterInValueIs400(String ctl) {
            HttpStatusException e = failure("GET / HTTP/1.1\r\nX-Bad: a" + ctl + "b\r\n\r\n");

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("X-Bad").contains("control character");
        }

        @Test
        void horizontalTabInsideValueIsAllowed() throws Exception {
            assertThat(parse("GET / HTTP/1.1\r\nX: a\tb\r\n\r\n").header("X")).isEqualTo("a\tb");
        }

        @ParameterizedTest
        @ValueSource(strings = {"X(Y: 1", "X\u00e9: 1", "X\u0001: 1", ": 1", "NoColon", "X/Y: 1", "\"X\": 1"})
        void badHeaderNameIs400(String line) {
            assertThat(failure("GET / HTTP/1.1\r\n" + line + "\r\n\r\n").status()).isEqualTo(400);
        }

        @Test
        void bareCarriageReturnEndingTheHeadIs400() {
            assertThat(failure("GET / HTTP/1.1\r\nHost: h\r\n\r\r\n").status()).isEqualTo(400);
        }

        @Test
        void theSameFailureIsThrownOnEveryLaterCall() {
            HttpRequestParser parser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            HttpStatusException first = catchThrowableOfType(HttpStatusException.class,
                    () -> parser.parse(bytes("BAD\r\n")));

            assertThatThrownBy(() -> parser.parse(bytes("GET / HTTP/1.1\r\n\r\n"))).isSameAs(first);
        }
    }

    @Nested
    class Limits {

        @Test
        void requestLineOverTheLimitIs414() {
            HandshakeLimits limits = new HandshakeLimits(30, 100, 16384);
            String atLimit = "GET /" + "a".repeat(16) + " HTTP/1.1"; // 30 bytes

            assertThat(failure(atLimit + "\r\n\r\n", limits)).isNull();
            HttpStatusException e = failure("GET /" + "a".repeat(17) + " HTTP/1.1\r\n\r\n", limits);
            assertThat(e.status()).isEqualTo(414);
            assertThat(e.reasonPhrase()).isEqualTo("URI Too Long");
            assertThat(e.getMessage()).contains("30 bytes");
        }

        @Test
        void longRequestLineFailsAtTheByteThatCrossesTheLimit() {
            HandshakeLimits limits = new HandshakeLimits(100, 100, 16384);
            HttpRequestParser parser = new HttpRequestParser(limits);
            ByteBuffer in = bytes("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n");

            assertThatThrownBy(() -> parser.parse(in)).isInstanceOf(HttpStatusException.class);
            assertThat(in.position()).isEqualTo(101);
        }

        @Test
        void tooManyHeadersIs431() {
            HandshakeLimits limits = new HandshakeLimits(8192, 3, 16384);

            assertThat(failure("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits)).isNull();
            HttpStatusException e = failure("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits);
            assertThat(e.status()).isEqualTo(431);
            assertThat(e.reasonPhrase()).isEqualTo("Request Header Fields Too Large");
            assertThat(e.getMessage()).contains("more than 3 header fields");
        }

        @Test
        void headerBytesOverTheLimitAre431() {
            // "A: 1234\r\n" is 9 bytes
            HandshakeLimits limits = new HandshakeLimits(8192, 100, 18);

            assertThat(failure("GET / HTTP/1.1\r\nA: 1234\r\nB: 1234\r\n\r\n", limits)).isNull();
            HttpStatusException e = failure("GET / HTTP/1.1\r\nA: 1234\r\nB: 12345\r\n\r\n", limits);
            assertThat(e.status()).isEqualTo(431);
            assertThat(e.getMessage()).contains("18 bytes");
        }

        @Test
        void hugeHeaderBlockFailsSoonAfterTheLimitNotAtItsEnd() throws Exception {
            HandshakeLimits limits = ConnectionSettings.handshakeLimits(OptionValues.defaults());
            HttpRequestParser parser = new HttpRequestParser(limits);
            assertThat(parser.parse(bytes("GET / HTTP/1.1\r\n"))).isFalse();
            // 100 KiB of header lines, 1 KiB each, fed in 1 KiB chunks.
            String fieldLine = "X-Filler: " + "v".repeat(1024 - 12) + "\r\n";
            byte[] block = fieldLine.repeat(100).getBytes(StandardCharsets.ISO_8859_1);

            long consumed = 0;
            HttpStatusException failure = null;
            for (int offset = 0; offset < block.length && failure == null; offset += 1024) {
                ByteBuffer chunk = ByteBuffer.wrap(block, offset, 1024);
                try {
                    assertThat(parser.parse(chunk)).isFalse();
                } catch (HttpStatusException e) {
                    failure = e;
                }
                consumed += chunk.position() - offset;
            }

            assertThat(failure).isNotNull();
            assertThat(failure.status()).isEqualTo(431);
            // 16 whole lines fit exactly; the first byte of the 17th crosses the limit.
            assertThat(consumed).isEqualTo(limits.maxHeaderBytes() + 1);
        }

        @Test
        void tooManyHeadersFailsAtTheFirstByteOfTheExtraLine() {
            HttpRequestParser parser = new HttpRequestParser(new HandshakeLimits(8192, 2, 16384));
            ByteBuffer in = bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");

            assertThatThrownBy(() -> parser.parse(in))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(431));
            assertThat(in.position()).isEqualTo("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC".length());
        }

        @Test
        void endlessEmptyLinesBeforeTheRequestLineAre400() {
            HttpStatusException e = failure("\r\n".repeat(5000) + "GET / HTTP/1.1\r\n\r\n");

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("empty lines");
        }

        @Test
        void limitsMustBePositive() {
            assertThatThrownBy(() -> new HandshakeLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxRequestLineLength");
            assertThatThrownBy(() -> new HandshakeLimits(1, -1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxHeaderCount");
            assertThatThrownBy(() -> new HandshakeLimits(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxHeaderBytes");
            assertThat(ConnectionSettings.handshakeLimits(OptionValues.defaults())).isEqualTo(new HandshakeLimits(8192, 100, 16384));
        }
    }
}
