package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Text to primitives, for path parameters and text messages taken as primitives (Jakarta WebSocket 2.2 §4.3, §4.7). */
class StringConversionTest {
    @Test
    void numbersAndBooleansUseTheirValueOf() {
        assertThat(StringConversion.to(int.class).convert("42")).isEqualTo(42);
        assertThat(StringConversion.to(Double.class).convert("2.5")).isEqualTo(2.5);
        assertThat(StringConversion.to(boolean.class).convert("TRUE")).isEqualTo(true);
        assertThatThrownBy(() -> StringConversion.to(boolean.class).convert("yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StringConversion.to(long.class).convert("4x")).isInstanceOf(NumberFormatException.class);
    }

    /** As the reference implementation and the TCK (clientendpointonmessage, echoCharTest) have it. */
    @Test
    void aCharIsTheMessagesFirstCharacter() {
        assertThat(StringConversion.to(char.class).convert("E")).isEqualTo('E');
        assertThat(StringConversion.to(Character.class).convert("Echar")).isEqualTo('E');
    }

    @Test
    void anEmptyMessageIsNoCharacter() {
        assertThatThrownBy(() -> StringConversion.to(char.class).convert(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
