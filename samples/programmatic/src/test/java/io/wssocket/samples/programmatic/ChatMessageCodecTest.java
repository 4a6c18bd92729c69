package io.wssocket.samples.programmatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

/** The encoder and decoder are each other's inverse; text that is no chat message is refused. */
class ChatMessageCodecTest {
    private final ChatMessageEncoder encoder = new ChatMessageEncoder();
    private final ChatMessageDecoder decoder = new ChatMessageDecoder();

    @Test
    void roundTrip() throws Exception {
        ChatMessage message = new ChatMessage("alice", "a: b: c\nsecond line");
        assertThat(encoder.encode(message)).isEqualTo("alice: a: b: c\nsecond line");
        assertThat(decoder.decode(encoder.encode(message))).isEqualTo(message);
        assertThat(decoder.decode(": empty sender")).isEqualTo(new ChatMessage("", "empty sender"));
    }

    @Test
    void textWithoutASenderIsNotDecoded() {
        for (String text : new String[] {"no separator", "line\nbreak: before separator", "alice:nospace"}) {
            assertThat(decoder.willDecode(text)).as(text).isFalse();
            assertThatThrownBy(() -> decoder.decode(text)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void aSenderCannotHoldTheSeparator() {
        assertThatThrownBy(() -> new ChatMessage("a: b", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
