package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each received sequence number says about the broadcast before it: in order, a gap, or a repeat. */
class DeliverySequenceTest {

    @Test
    void messagesInOrderSkipNothing() {
        DeliverySequence order = new DeliverySequence();

        assertThat(order.accept(0)).isZero();
        assertThat(order.accept(1)).isZero();
        assertThat(order.next()).isEqualTo(2);
    }

    @Test
    void aGapCountsTheMessagesSkipped() {
        DeliverySequence order = new DeliverySequence();
        order.accept(0);

        assertThat(order.accept(4)).isEqualTo(3);
        assertThat(order.next()).isEqualTo(5);
    }

    @Test
    void aMessageAgainOrAfterALaterOneIsARepeatAndChangesNothing() {
        DeliverySequence order = new DeliverySequence();
        order.accept(0);
        order.accept(1);
        order.accept(3);

        assertThat(order.accept(1)).isEqualTo(DeliverySequence.REPEAT);
        assertThat(order.accept(2)).isEqualTo(DeliverySequence.REPEAT);
        assertThat(order.next()).isEqualTo(4);
        assertThat(order.accept(4)).isZero();
    }
}
