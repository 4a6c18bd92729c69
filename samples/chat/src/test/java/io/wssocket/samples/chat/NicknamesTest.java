package io.wssocket.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NicknamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"Ann", "  Bob  ", "Zoë", "李雷", "r2-d2_x.y", "Mary Ann"})
    void acceptsLettersDigitsAndALittlePunctuation(String name) {
        assertThat(Nicknames.problemWith(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<b>", "a\"b", "tab\there", "new\nline", "😀", "x;y"})
    void refusesTheRest(String name) {
        assertThat(Nicknames.problemWith(name)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void countsCharactersNotChars() {
        assertThat(Nicknames.problemWith("é".repeat(Nicknames.MAX_LENGTH))).isNull();
        assertThat(Nicknames.problemWith("𝔸".repeat(Nicknames.MAX_LENGTH))).isNull();
        assertThat(Nicknames.problemWith("a".repeat(Nicknames.MAX_LENGTH + 1))).contains("longer");
    }
}
