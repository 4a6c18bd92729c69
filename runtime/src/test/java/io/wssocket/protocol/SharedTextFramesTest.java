package io.wssocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The frames a server shares between the recipients of one String, and those it does not share. */
class SharedTextFramesTest {
    private static final String TEXT = "héllo, room ✓ ".repeat(100);

    @Test
    void theSameStringSentToManyIsEncodedTwiceAndItsRecipientsShareOneFrame() {
        SharedTextFrames frames = new SharedTextFrames();
        ByteBuffer first = frames.frame(TEXT);
        ByteBuffer second = frames.frame(TEXT);
        ByteBuffer third = frames.frame(TEXT);
        for (int i = 0; i < 97; i++) {
            frames.frame(TEXT);
        }
        // Nothing else makes frames: the 98 recipients that got none encoded share the kept one.
        assertThat(frames.framesEncoded()).as("frames encoded for 100 recipients").isEqualTo(2);
        assertThat(second.isReadOnly()).as("a shared frame cannot be changed by one recipient").isTrue();
        assertThat(third.isReadOnly()).isTrue();
        assertThat(first.isReadOnly()).as("the first recipient's frame is its own").isFalse();
        assertThat(first).isEqualTo(second).isEqualTo(third);
        assertThat(payload(third)).isEqualTo(TEXT);
    }

    @Test
    void eachRecipientHasItsOwnPositionInTheSharedFrame() {
        SharedTextFrames frames = new SharedTextFrames();
        frames.frame(TEXT);
        ByteBuffer a = frames.frame(TEXT);
        ByteBuffer b = frames.frame(TEXT);
        a.position(a.limit()); // as if written in full
        assertThat(b.position()).isZero();
        assertThat(frames.frame(TEXT).position()).isZero();
        assertThatThrownBy(() -> b.put(0, (byte) 0)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void equalTextInAnotherStringOrAnotherTextIsNotShared() {
        SharedTextFrames frames = new SharedTextFrames();
        for (int i = 0; i < 10; i++) {
            frames.frame(new String(TEXT)); // equal content, another instance each time
        }
        assertThat(frames.framesEncoded()).isEqualTo(10);
        ByteBuffer one = frames.frame("one");
        ByteBuffer two = frames.frame("two");
        assertThat(payload(one)).isEqualTo("one");
        assertThat(payload(two)).isEqualTo("two");
    }

    @Test
    void onlyRecentStringsAreKept() {
        SharedTextFrames frames = new SharedTextFrames();
        String[] texts = new String[20];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "message " + i;
            frames.frame(texts[i]);
            frames.frame(texts[i]);
        }
        long encoded = frames.framesEncoded();
        frames.frame(texts[0]); // pushed out by the later ones
        assertThat(frames.framesEncoded()).isEqualTo(encoded + 1);
        frames.frame(texts[19]); // still kept
        assertThat(frames.framesEncoded()).isEqualTo(encoded + 1);
    }

    @Test
    void aClientConnectionCannotShareFrames() {
        ProtocolConfig client = new ProtocolConfig(true, 1 << 20, 1 << 20, 4096, 1000, 0, 0, 0, 0);
        assertThatThrownBy(() -> new WebSocketConnection(null, client, 0, () -> 42, ProtocolEvents.NONE, null, new SharedTextFrames()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask");
    }

    private static String payload(ByteBuffer frame) {
        ByteBuffer f = frame.duplicate();
        int second = f.get(1) & 0x7F;
        int header = second < 126 ? 2 : second == 126 ? 4 : 10;
        f.position(f.position() + header);
        return StandardCharsets.UTF_8.decode(f).toString();
    }
}
