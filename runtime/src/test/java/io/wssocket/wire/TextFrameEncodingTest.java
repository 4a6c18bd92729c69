package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server's text frame carries exactly the bytes of String.getBytes(UTF_8) behind the header of their length. */
class TextFrameEncodingTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii only", "é ß ü", "€ ∑ 中文", "emoji \uD83D\uDE00 and \uD83C\uDF89",
            "lone high \uD800 here", "lone low \uDC00 here", "high at the end \uD83D", "\uDC00\uD800 reversed pair"})
    void encodesLikeTheJdk(String text) {
        assertEncodesLikeTheJdk(text);
    }

    @Test
    void encodesRandomCharsLikeTheJdk() {
        Random random = new Random(6455);
        for (int round = 0; round < 2000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                // Mostly from the ranges where the encoding changes width, surrogates included.
                int range = random.nextInt(5);
                chars[i] = (char) switch (range) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0x800 + random.nextInt(0xD000);
                    case 3 -> 0xD800 + random.nextInt(0x800);
                    default -> 0xE000 + random.nextInt(0x2000);
                };
            }
            assertEncodesLikeTheJdk(new String(chars));
        }
    }

    @Test
    void aTextFrameHasTheHeaderOfItsEncodedLength() {
        String text = "x".repeat(100) + "€".repeat(10); // 130 bytes: the 16-bit length form
        ByteBuffer frame = FrameWriter.unmaskedTextFrame(true, text);
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer expected = ByteBuffer.allocate(4 + payload.length).put((byte) 0x81).put((byte) 126)
                .putShort((short) payload.length).put(payload).flip();
        assertThat(frame).isEqualTo(expected);
    }

    private static void assertEncodesLikeTheJdk(String text) {
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = FrameWriter.unmaskedTextFrame(true, text);
        int header = frame.remaining() - expected.length;
        assertThat(header).as("header of %s", text).isEqualTo(expected.length < 126 ? 2 : 4);
        assertThat(frame.get(1) & 0x7F).isEqualTo(expected.length < 126 ? expected.length : 126);
        byte[] payload = new byte[expected.length];
        frame.position(header).get(payload);
        assertThat(payload).as("bytes of %s", text).isEqualTo(expected);
    }
}
