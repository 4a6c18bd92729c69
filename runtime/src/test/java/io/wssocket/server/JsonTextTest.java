package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the access log and the admin view write as JSON strings reads back, by a JSON parser, as the text it was. */
class JsonTextTest {
    @Test
    void everyCharacterThatNeedsEscapingIsEscaped() throws Exception {
        StringBuilder text = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            text.append(c);
        }
        text.append("é € \u2028 😀 </script>");
        String quoted = JsonText.quoted(text.toString());
        assertThat(new ObjectMapper().readValue(quoted, String.class)).isEqualTo(text.toString());
        assertThat(quoted.chars().filter(c -> c < 0x20)).as("no raw control character").isEmpty();
        assertThat(JsonText.quoted(null)).isEqualTo("null");
    }
}
