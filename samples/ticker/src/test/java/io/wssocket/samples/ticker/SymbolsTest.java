package io.wssocket.samples.ticker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The symbols filter accepts known symbols only and says what was wrong in a close reason's room. */
class SymbolsTest {

    @Test
    void noFilterMeansAllAndAFilterKeepsItsOrder() {
        assertThat(Symbols.parse(null)).containsExactlyElementsOf(Symbols.ALL);
        assertThat(Symbols.parse("UMBRELLA,ACME,UMBRELLA")).containsExactly("UMBRELLA", "ACME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ACME,", ",ACME", "acme", "NOPE", "ACME, HOOLI", "A\u00e9\u0000\r\nX-Injected:1",
        "AVERYLONGSYMBOLNAMETHATGOESONANDONANDONANDONANDONANDONANDONANDONANDONANDONANDONANDONANDONANDONANDONANDON"})
    void badFiltersAreRefusedWithAShortReason(String filter) {
        assertThatThrownBy(() -> Symbols.parse(filter)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage().getBytes(StandardCharsets.UTF_8).length)
                        .as("RFC 6455 §5.5: a close reason fits in 123 bytes").isLessThanOrEqualTo(123))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\0"));
    }
}
