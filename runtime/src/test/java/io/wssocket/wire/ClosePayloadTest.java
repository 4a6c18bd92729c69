package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wssocket.wire.MessageRecorder.Close;
import io.wssocket.wire.MessageRecorder.ReaderConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.1 close bodies: a code, then a reason that fits the 125-byte control frame. */
class ClosePayloadTest {

    private static byte[] body(int code, String reason) {
        ByteBuffer b = ClosePayload.encode(code, reason);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String reasonOf(byte[] body) {
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(body, 2, body.length - 2))).as("the reason is valid UTF-8").isTrue();
        return new String(body, 2, body.length - 2, StandardCharsets.UTF_8);
    }

    @Test
    void writesTheCodeInNetworkByteOrderThenTheReason() {
        assertThat(HexFormat.of().formatHex(body(1000, "bye"))).isEqualTo("03e8627965");
        assertThat(HexFormat.of().formatHex(body(4999, ""))).isEqualTo("1387");
        assertThat(HexFormat.of().formatHex(body(1001, null))).isEqualTo("03e9");
    }

    @Test
    void givesAnEmptyBodyForNoStatus() {
        assertThat(body(CloseCodes.NO_STATUS, "ignored")).isEmpty();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 999, 1004, 1006, 1015, 1016, 2999, 5000, 65535, -1})
    void refusesCodesThatMayNotBeSent(int code) {
        assertThatIllegalArgumentException().isThrownBy(() -> ClosePayload.encode(code, "x"));
    }

    @Test
    void keepsAReasonOfExactly123Bytes() {
        String reason = "r".repeat(123);

        assertThat(reasonOf(body(1000, reason))).isEqualTo(reason);
    }

    @Test
    void cutsALongAsciiReasonTo123Bytes() {
        byte[] body = body(1000, "x".repeat(500));

        assertThat(body).hasSize(125);
        assertThat(reasonOf(body)).isEqualTo("x".repeat(123));
    }

    @Test
    void cutsMultiByteReasonsAtACharacterBoundary() {
        // Two-byte characters: 61 fit (122 bytes), the 62nd would need bytes 123 and 124.
        assertThat(reasonOf(body(1000, "\u00e9".repeat(100)))).isEqualTo("\u00e9".repeat(61));
        // Three-byte characters after one ASCII byte: 40 fit (121 bytes).
        assertThat(reasonOf(body(1000, "a" + "\u20ac".repeat(50)))).isEqualTo("a" + "\u20ac".repeat(40));
        // Four-byte characters (surrogate pairs in Java) after two ASCII bytes: 30 fit (122 bytes).
        assertThat(reasonOf(body(1000, "ab" + "\uD83D\uDE00".repeat(40)))).isEqualTo("ab" + "\uD83D\uDE00".repeat(30));
    }

    @Test
    void cutsEveryMixOfCharacterWidthsToTheLongestPrefixThatFits() {
        String mix = "a\u00e9\u20ac\uD83D\uDE00";
        for (int lead = 0; lead < 8; lead++) {
            String reason = "z".repeat(lead) + mix.repeat(20);

            String encoded = reasonOf(body(1000, reason));

            assertThat(reason).startsWith(encoded);
            int bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).isLessThanOrEqualTo(ClosePayload.MAX_REASON_BYTES);
            int nextCodePoint = reason.codePointAt(encoded.length());
            assertThat(bytes + new String(Character.toChars(nextCodePoint)).getBytes(StandardCharsets.UTF_8).length)
                    .as("the next character would not have fit").isGreaterThan(ClosePayload.MAX_REASON_BYTES);
        }
    }

    @Test
    void replacesALoneSurrogateInsteadOfSendingInvalidUtf8() {
        byte[] body = body(1000, "a\uD800b");

        assertThat(reasonOf(body)).startsWith("a").endsWith("b");
    }

    @Test
    void isReadBackByTheReaderAsTheSameCodeAndReason() {
        String reason = "\u00e9\u20ac".repeat(40);
        String sent = reasonOf(body(4000, reason));
        byte[] frame = FrameWriter.unmaskedFrame(true, Opcode.CLOSE, ClosePayload.encode(4000, reason)).array();

        assertThat(frame.length).isLessThanOrEqualTo(127);
        assertThat(MessageRecorder.read(ReaderConfig.CLIENT, frame, List.of()).events()).containsExactly(new Close(4000, sent));
    }
}
