package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubprotocolsTest {

    @Test
    void selectPicksTheClientsFirstSupportedChoice() {
        assertThat(Subprotocols.select(List.of("v3", "v2", "v1"), List.of("v1", "v2"))).isEqualTo("v2");
    }

    @Test
    void selectInServerOrderPicksTheServersFirstRequestedChoice() {
        assertThat(Subprotocols.selectInServerOrder(List.of("v3", "v2", "v1"), List.of("v1", "v2"))).isEqualTo("v1");
    }

    @Test
    void matchIsExactAndCaseSensitive() {
        assertThat(Subprotocols.select(List.of("Chat"), List.of("chat"))).isNull();
        assertThat(Subprotocols.selectInServerOrder(List.of("Chat"), List.of("chat"))).isNull();
    }

    @Test
    void noCommonSubprotocolIsNull() {
        assertThat(Subprotocols.select(List.of("a"), List.of("b"))).isNull();
        assertThat(Subprotocols.select(List.of(), List.of("b"))).isNull();
        assertThat(Subprotocols.selectInServerOrder(List.of("a"), List.of())).isNull();
    }
}
