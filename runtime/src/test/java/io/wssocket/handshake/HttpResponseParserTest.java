package io.wssocket.handshake;

import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is the response parser's own: the status line, obs-fold replaced by SP, and failures as
 * {@link HandshakeFailedException}. The field-line rules it shares with the request parser
 * ({@link HttpHeadReader}) are covered in detail by {@link HttpRequestParserTest}, and for
 * responses by {@link HttpResponseParserSplitProperties} against a reference model.
 */
class HttpResponseParserTest {
    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "\r\n";
    private static final String STATUS_LINE = "HTTP/1.1 101 x\r\n";

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpResponse parse(String s) throws HandshakeFailedException {
        HttpResponseParser parser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        ByteBuffer in = bytes(s);
        assertThat(parser.parse(in)).as("head complete").isTrue();
        assertThat(in.remaining()).isZero();
        return parser.response();
    }

    private static HandshakeFailedException failure(String s, HandshakeLimits limits) {
        HandshakeFailedException e = catchThrowableOfType(HandshakeFailedException.class,
                () -> new HttpResponseParser(limits).parse(bytes(s)));
        assertThat(e).as("parse fails").isNotNull();
        assertThat(e.status()).as("no status was read").isEmpty();
        return e;
    }

    private static HandshakeFailedException failure(String s) {
        return failure(s, ConnectionSettings.handshakeLimits(OptionValues.defaults()));
    }

    @Nested
    class ValidResponses {

        @Test
        void parsesASwitchingProtocolsResponseAndLeavesTheFirstFrame() throws Exception {
            ByteBuffer in = bytes(SWITCHING + "\u0081\u0002hi");
            HttpResponseParser parser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));

            assertThat(parser.parse(in)).isTrue();

            HttpResponse response = parser.response();
            assertThat(response.version()).isEqualTo("HTTP/1.1");
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.reason()).isEqualTo("Switching Protocols");
            assertThat(response.header("upgrade")).isEqualTo("websocket");
            assertThat(response.header("SEC-WEBSOCKET-ACCEPT")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(in.remaining()).isEqualTo(4);
            assertThat(in.get()).isEqualTo((byte) 0x81);
        }

        @Test
        void afterCompletionFurtherCallsConsumeNothing() throws Exception {
            HttpResponseParser parser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            parser.parse(bytes(SWITCHING));
            ByteBuffer more = bytes("HTTP/1.1 200 OK\r\n");

            assertThat(parser.parse(more)).isTrue();
            assertThat(more.position()).isZero();
        }

        @Test
        void needsMoreBytesUntilTheEmptyLine() throws Exception {
            HttpResponseParser parser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            ByteBuffer first = bytes(SWITCHING.substring(0, SWITCHING.length() - 1));

            assertThat(parser.parse(first)).isFalse();
            assertThat(first.hasRemaining()).isFalse();
            assertThatThrownBy(parser::response).isInstanceOf(IllegalStateException.class);
            assertThat(parser.parse(bytes("\n"))).isTrue();
            assertThat(parser.response().header("Connection")).isEqualTo("Upgrade");
        }

        @Test
        void oneByteAtATimeGivesTheSameResponse() throws Exception {
            HttpResponseParser parser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            byte[] all = SWITCHING.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < all.length; i++) {
                assertThat(parser.parse(ByteBuffer.wrap(all, i, 1))).isEqualTo(i == all.length - 1);
            }
            assertThat(parser.response()).isEqualTo(parse(SWITCHING));
        }

        @Test
        void theReasonPhraseMayBeEmptyOrMissingAndHoldsAnyTextCharacter() throws Exception {
            assertThat(parse("HTTP/1.1 101 \r\n\r\n").reason()).isEmpty();
            // RFC 9112 §4 requires the SP before an empty reason; it is tolerated without.
            HttpResponse bare = parse("HTTP/1.1 404\r\n\r\n");
            assertThat(bare.status()).isEqualTo(404);
            assertThat(bare.reason()).isEmpty();
            assertThat(parse("HTTP/1.0 200 OK, fine\tthanks \u00e9\r\n\r\n").reason())
                    .isEqualTo("OK, fine\tthanks \u00e9");
            assertThat(parse("HTTP/1.0 200 OK\r\n\r\n").version()).isEqualTo("HTTP/1.0");
        }
    }

    /** RFC 9112 §5.2: a user agent may replace each obs-fold in a response with SP. */
    @Nested
    class ObsoleteLineFolding {

        @Test
        void aFoldAndTheWhitespaceAroundItBecomeOneSpace() throws Exception {
            HttpResponse response = parse(STATUS_LINE + "Connection: keep-alive, \r\n \t Upgrade\r\n\r\n");

            assertThat(response.headerValues("Connection")).containsExactly("keep-alive, Upgrade");
        }

        @Test
        void severalFoldsJoinInOrder() throws Exception {
            assertThat(parse(STATUS_LINE + "X: a\r\n b\n\tc\r\n\r\n").header("X")).isEqualTo("a b c");
        }

        @Test
        void aFoldContinuesOnlyTheLastValueOfARepeatedField() throws Exception {
            HttpResponse response = parse(STATUS_LINE + "X: 1\r\nY: y\r\nx: 2\r\n more\r\n\r\n");

            assertThat(response.headerValues("X")).containsExactly("1", "2 more");
            assertThat(response.header("Y")).isEqualTo("y");
        }

        @Test
        void emptyPartsAddNoSpace() throws Exception {
            assertThat(parse(STATUS_LINE + "X:\r\n value\r\n\r\n").header("X")).isEqualTo("value");
            assertThat(parse(STATUS_LINE + "X: value\r\n \t\r\n\r\n").header("X")).isEqualTo("value");
        }

        @Test
        void aControlCharacterInAContinuationNamesItsField() {
            assertThat(failure(STATUS_LINE + "X-Folded: a\r\n b\u0001c\r\n\r\n"))
                    .hasMessageContaining("X-Folded").hasMessageContaining("control character");
        }

        @Test
        void whitespaceBeforeTheFirstFieldFails() {
            // RFC 9112 §2.2: there is no field to continue.
            assertThat(failure(STATUS_LINE + " Upgrade: websocket\r\n\r\n"))
                    .hasMessageContaining("starting with whitespace").hasMessageContaining("RFC 9112 §2.2");
        }
    }

    @Nested
    class MalformedResponses {

        @ParameterizedTest
        @ValueSource(strings = {"HTTP/1.1 1O1 Switching Protocols", "HTTP/1.1  101 Switching Protocols",
            "HTTP/1.1 1011 x", "HTTP/1.1 10 x", "HTTP/11 101 x", "http/1.1 101 x", "HTTP/1.1\t101 x",
            "SSH-2.0-OpenSSH_9.6", "HTTP/1.1", ""})
        void malformedStatusLinesFail(String statusLine) {
            assertThat(failure(statusLine + "\r\n\r\n")).hasMessageContaining("Malformed status line")
                    .hasMessageContaining("RFC 9112 §4");
        }

        @Test
        void anEmptyLineBeforeTheStatusLineFails() {
            // Unlike a request-line (RFC 9112 §2.2), nothing precedes the status line.
            assertThat(failure("\r\n" + SWITCHING)).hasMessageContaining("Malformed status line");
        }

        @Test
        void theStatusLineIsQuotedWithControlCharactersMasked() {
            assertThat(failure("SSH-2.0\u0001x\r\n\r\n")).hasMessageContaining("\"SSH-2.0?x\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u0001", "\u007f", "\r"})
        void aControlCharacterInTheReasonPhraseFails(String ctl) {
            assertThat(failure("HTTP/1.1 101 Switching" + ctl + "Protocols\r\n\r\n"))
                    .hasMessageContaining("reason phrase").hasMessageContaining("control character");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NoColon", ": empty", "Bad Name: v", "Bad\u00e9: v", "X: a\u0000b", "X: a\rb",
            "X: a\u007fb", "Bad\t: v", "X(Y: 1"})
        void malformedHeaderLinesFail(String line) {
            assertThat(failure(STATUS_LINE + line + "\r\n\r\n")).hasMessageStartingWith("In the server's response: ");
        }

        @Test
        void malformedHeaderLinesSayWhatIsWrong() {
            assertThat(failure(STATUS_LINE + "NoColon\r\n\r\n")).hasMessageContaining("no ':'");
            assertThat(failure(STATUS_LINE + "Upgrade : websocket\r\n\r\n"))
                    .hasMessageContaining("Whitespace").hasMessageContaining("RFC 9112 §5.1");
            assertThat(failure(STATUS_LINE + "X-Bad: a\u0001b\r\n\r\n"))
                    .hasMessageContaining("X-Bad").hasMessageContaining("control character");
        }

        @Test
        void theSameFailureIsThrownOnEveryLaterCall() {
            HttpResponseParser parser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
            HandshakeFailedException first = catchThrowableOfType(HandshakeFailedException.class,
                    () -> parser.parse(bytes("XTTP/1.1 101 x\r\n")));

            assertThat(first).isNotNull();
            assertThatThrownBy(() -> parser.parse(bytes(SWITCHING))).isSameAs(first);
        }
    }

    @Nested
    class Limits {

        @Test
        void theStatusLineLimitIsCheckedAtTheCrossingByte() throws Exception {
            HandshakeLimits limits = new HandshakeLimits(20, 10, 1000);
            String exact = "HTTP/1.1 101 " + "x".repeat(7);
            assertThat(exact).hasSize(20);
            assertThat(new HttpResponseParser(limits).parse(bytes(exact + "\r\n\r\n"))).isTrue();

            HttpResponseParser parser = new HttpResponseParser(limits);
            assertThat(parser.parse(bytes(exact))).isFalse();
            assertThatThrownBy(() -> parser.parse(bytes("y"))).isInstanceOf(HandshakeFailedException.class)
                    .hasMessageContaining("longer than 20 bytes").hasMessageContaining("maxRequestLineLength");
        }

        @Test
        void headerBytesOverTheLimitFail() throws Exception {
            // "X-A: 1234\r\n" is 11 bytes.
            String headers = "X-A: 1234\r\nX-B: 5678\r\n";
            assertThat(new HttpResponseParser(new HandshakeLimits(100, 10, 22))
                    .parse(bytes(STATUS_LINE + headers + "\r\n"))).isTrue();

            HttpResponseParser parser = new HttpResponseParser(new HandshakeLimits(100, 10, 21));
            assertThat(parser.parse(bytes(STATUS_LINE + "X-A: 1234\r\nX-B: 5678"))).isFalse();
            assertThatThrownBy(() -> parser.parse(bytes("\r\n\r\n"))).isInstanceOf(HandshakeFailedException.class)
                    .hasMessageContaining("larger than 21 bytes").hasMessageContaining("maxHeaderBytes");
        }

        @Test
        void foldedLinesCountTowardsTheHeaderBytes() throws Exception {
            // "X: a\r\n" and " b\r\n" are 6 + 4 bytes.
            String folded = STATUS_LINE + "X: a\r\n b\r\n\r\n";
            assertThat(new HttpResponseParser(new HandshakeLimits(100, 10, 10)).parse(bytes(folded))).isTrue();
            assertThat(failure(folded, new HandshakeLimits(100, 10, 9))).hasMessageContaining("larger than 9 bytes");
        }

        @Test
        void theHeaderCountLimitCountsFieldsNotFoldedLines() throws Exception {
            String three = "A: 1\r\nB: 2\r\nC: 3\r\n";
            HandshakeLimits limits = new HandshakeLimits(100, 3, 1000);
            assertThat(new HttpResponseParser(limits).parse(bytes(STATUS_LINE + three + "\r\n"))).isTrue();
            assertThat(new HttpResponseParser(limits).parse(bytes(STATUS_LINE + three + " more\r\n\r\n"))).isTrue();

            assertThat(failure(STATUS_LINE + three + "D: 4\r\n\r\n", limits))
                    .hasMessageContaining("more than 3 header fields").hasMessageContaining("maxHeaderCount");
        }

        @Test
        void tooManyHeadersFailAtTheFirstByteOfTheExtraLine() {
            HttpResponseParser parser = new HttpResponseParser(new HandshakeLimits(100, 2, 1000));
            ByteBuffer in = bytes(STATUS_LINE + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n");

            assertThatThrownBy(() -> parser.parse(in)).isInstanceOf(HandshakeFailedException.class);
            assertThat(in.position()).isEqualTo((STATUS_LINE + "A: 1\r\nB: 2\r\nC").length());
        }
    }
}
