package io.wssocket.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatEventsTest {
    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");

    @Test
    void quotesWhatJsonRequires() {
        assertThat(ChatEvents.quote("a\"b\\c\nd\re\tf\u0001g\u2028")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028\"");
    }

    @Test
    void leavesOtherCharactersAsTheyAre() {
        assertThat(ChatEvents.quote("héllo ✓ 😀 </script>")).isEqualTo("\"héllo ✓ 😀 </script>\"");
    }

    @Test
    void writesMessagesAndPresence() {
        assertThat(ChatEvents.message("Ann", "hi", AT))
                .isEqualTo("{\"type\":\"message\",\"from\":\"Ann\",\"text\":\"hi\",\"at\":\"2026-11-26T10:15:30Z\"}");
        assertThat(ChatEvents.presence("left", "Bob", 3, AT))
                .isEqualTo("{\"type\":\"left\",\"name\":\"Bob\",\"members\":3,\"at\":\"2026-11-26T10:15:30Z\"}");
    }
}
