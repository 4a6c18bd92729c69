package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenListTest {

    @Test
    void findsATokenAmongOthersIgnoringCaseAndWhitespace() {
        assertThat(TokenList.contains(List.of("keep-alive, Upgrade"), "upgrade")).isTrue();
        assertThat(TokenList.contains(List.of("keep-alive,\tUPGRADE \t"), "upgrade")).isTrue();
        assertThat(TokenList.contains(List.of("Upgrade"), "upgrade")).isTrue();
    }

    @Test
    void findsATokenInARepeatedHeader() {
        assertThat(TokenList.contains(List.of("keep-alive", "Upgrade"), "upgrade")).isTrue();
    }

    @Test
    void matchesWholeElementsOnly() {
        assertThat(TokenList.contains(List.of("upgrades"), "upgrade")).isFalse();
        assertThat(TokenList.contains(List.of("no-upgrade"), "upgrade")).isFalse();
        assertThat(TokenList.contains(List.of("up grade"), "upgrade")).isFalse();
    }

    @Test
    void emptyOrAbsentHeaderContainsNothing() {
        assertThat(TokenList.contains(List.of(), "upgrade")).isFalse();
        assertThat(TokenList.contains(List.of(""), "upgrade")).isFalse();
        assertThat(TokenList.contains(List.of(" , ,"), "upgrade")).isFalse();
    }

    @Test
    void tokensAreTrimmedNonEmptyElementsInOrder() {
        assertThat(TokenList.tokens(List.of(" chat ,superchat", ",, v2 ,", "\tlast\t")))
                .containsExactly("chat", "superchat", "v2", "last");
    }

    @Test
    void tokensOfNothingIsEmpty() {
        assertThat(TokenList.tokens(List.of())).isEmpty();
        assertThat(TokenList.tokens(List.of("", " , "))).isEmpty();
    }
}
