package io.wssocket.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Pieces of a text message for a partial handler: whole characters, a split one carried over (RFC 6455 §5.6). */
class TextPieceDecoderTest {
    private static final String TEXT = "a€b\uD83D\uDE00cé"; // 1-, 3-, 1-, 4-, 1- and 2-byte characters

    @Test
    void everySplitOfTheMessageDecodesToItsCharactersInOrder() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= utf8.length; cut++) {
            TextPieceDecoder decoder = new TextPieceDecoder();
            String first = decoder.decode(ByteBuffer.wrap(Arrays.copyOfRange(utf8, 0, cut)), false);
            String last = decoder.decode(ByteBuffer.wrap(Arrays.copyOfRange(utf8, cut, utf8.length)), true);
            assertThat(first + last).as("cut at byte %d", cut).isEqualTo(TEXT);
            assertThat(first).as("no half character in the first piece, cut at %d", cut).doesNotContain("\uFFFD");
        }
    }

    @Test
    void aCharacterSplitOverThreePiecesComesWithTheLast() {
        byte[] smiley = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        TextPieceDecoder decoder = new TextPieceDecoder();
        assertThat(decoder.decode(ByteBuffer.wrap(smiley, 0, 1), false)).isEmpty();
        assertThat(decoder.decode(ByteBuffer.wrap(smiley, 1, 2), false)).isEmpty();
        assertThat(decoder.decode(ByteBuffer.wrap(smiley, 3, 1), true)).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void thePieceIsReadWithoutMovingItsBuffer() {
        ByteBuffer chunk = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(new TextPieceDecoder().decode(chunk, true)).isEqualTo("abc");
        assertThat(chunk.remaining()).isEqualTo(3);
    }
}
