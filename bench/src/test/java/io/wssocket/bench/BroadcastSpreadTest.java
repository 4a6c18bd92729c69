package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The broadcast driver's connections spread over the nodes of a cluster ({@code --ports}). */
class BroadcastSpreadTest {

    private static DriverArgs args(String... args) {
        return new DriverArgs(args, BroadcastLoad.OPTIONS);
    }

    @Test
    void withoutPortsEveryConnectionGoesToThePort() {
        assertThat(args("--port", "9000").ports("ports", 9000)).containsExactly(9000);
    }

    @Test
    void portsAreReadInOrder() {
        assertThat(args("--ports", "9001, 9002,9003").ports("ports", 8080)).containsExactly(9001, 9002, 9003);
    }

    @Test
    void badPortListsAreRefusedWithTheOptionsName() {
        for (String bad : new String[] {"9001,,9002", "9001,x", "0", "70000", "9001,9001"}) {
            assertThatThrownBy(() -> args("--ports", bad).ports("ports", 8080))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--ports");
        }
    }

    @Test
    void theSenderIsOnTheFirstNodeAndTheReceiversSpreadEvenly() {
        int[] perNode = new int[3];
        IntStream.range(0, 1000).forEach(id -> perNode[BroadcastLoad.nodeOf(id, 3)]++);

        assertThat(BroadcastLoad.nodeOf(0, 3)).isZero();
        assertThat(perNode).containsExactly(334, 333, 333);
        assertThat(IntStream.range(0, 10).map(id -> BroadcastLoad.nodeOf(id, 1))).containsOnly(0);
    }
}
