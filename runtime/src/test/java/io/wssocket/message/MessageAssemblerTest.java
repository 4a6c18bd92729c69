package io.wssocket.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Frames into what handlers take: whole messages within the limits, or pieces. */
class MessageAssemblerTest {
    private static final int LIMIT = 16;

    /** A budget counting what is reserved, with a fixed limit. */
    private static final class CountingBudget implements GatheringBudget {
        private final long limit;
        long used;

        CountingBudget(long limit) {
            this.limit = limit;
        }

        @Override
        public boolean tryReserve(long bytes) {
            if (used + bytes > limit) {
                return false;
            }
            used += bytes;
            return true;
        }

        @Override
        public void release(long bytes) {
            used -= bytes;
        }

        @Override
        public long limit() {
            return limit;
        }
    }

    private final CountingBudget budget = new CountingBudget(1024);
    private final MessageAssembler assembler = new MessageAssembler(budget);

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageInOneFrameIsReadNotCounted() throws MessageLimitException {
        assertThat(assembler.text(utf8("héllo"), true, true, false, LIMIT, new byte[4], 0)).isEqualTo("héllo");
        assertThat(assembler.size()).isEqualTo(6);
        assertThat(assembler.isCounted()).isFalse();
        assertThat(assembler.binary(utf8("abc"), true, true, false, LIMIT, 0)).containsExactly('a', 'b', 'c');
        assertThat(assembler.size()).isEqualTo(3);
        assertThat(budget.used).isZero();
    }

    @Test
    void aMessageInPiecesIsGatheredAndCountedUntilTaken() throws MessageLimitException {
        assertThat(assembler.text(utf8("he"), true, false, false, LIMIT, new byte[64], 0)).isNull();
        assertThat(budget.used).isEqualTo(2);
        assertThat(assembler.text(utf8("l"), false, false, false, LIMIT, new byte[64], 0)).isNull();
        assertThat(assembler.text(utf8("lo"), false, true, false, LIMIT, new byte[64], 0)).isEqualTo("hello");
        assertThat(assembler.size()).isEqualTo(5);
        assertThat(assembler.isCounted()).as("the caller now owns the reservation").isTrue();
        assertThat(budget.used).isEqualTo(5);

        assertThat(assembler.binary(utf8("ab"), true, false, false, LIMIT, 0)).isNull();
        assertThat(assembler.binary(utf8("c"), false, true, false, LIMIT, 0)).containsExactly('a', 'b', 'c');
        assertThat(assembler.size()).isEqualTo(3);
        assertThat(budget.used).isEqualTo(8);
    }

    @Test
    void piecesForAPartialHandlerAreNeitherGatheredNorLimited() throws MessageLimitException {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(assembler.text(ByteBuffer.wrap(euro, 0, 2), true, false, true, 1, null, 0)).isEmpty();
        assertThat(assembler.size()).isEqualTo(2);
        assertThat(assembler.text(ByteBuffer.wrap(euro, 2, 1), false, true, true, 1, null, 0)).isEqualTo("€");
        assertThat(assembler.isCounted()).isFalse();
        assertThat(assembler.binary(utf8("a".repeat(LIMIT * 2)), true, false, true, LIMIT, 0)).hasSize(LIMIT * 2);
        assertThat(budget.used).isZero();
    }

    @Test
    void aMessageOverTheBufferSizeIsRefusedWhetherWholeOrGathered() throws MessageLimitException {
        assertThatThrownBy(() -> assembler.binary(utf8("x".repeat(LIMIT + 1)), true, true, false, LIMIT, 0))
                .isInstanceOfSatisfying(MessageLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(MessageLimitException.Limit.BUFFER_SIZE))
                .hasMessage("binary message of at least 17 bytes exceeds the session's buffer size of 16");
        assembler.text(utf8("x".repeat(LIMIT)), true, false, false, LIMIT, null, 0);
        assertThatThrownBy(() -> assembler.text(utf8("y"), false, true, false, LIMIT, null, 0))
                .isInstanceOfSatisfying(MessageLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(MessageLimitException.Limit.BUFFER_SIZE))
                .hasMessage("text message of at least 17 bytes exceeds the session's buffer size of 16");
    }

    @Test
    void aPieceTheBudgetHasNoRoomForDropsTheMessageAndItsBytes() throws MessageLimitException {
        CountingBudget small = new CountingBudget(10);
        MessageAssembler tight = new MessageAssembler(small);
        tight.binary(utf8("123456"), true, false, false, 100, 0);
        assertThatThrownBy(() -> tight.binary(utf8("7890a"), false, false, false, 100, 0))
                .isInstanceOfSatisfying(MessageLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(MessageLimitException.Limit.GATHERING_BUDGET))
                .hasMessage("server busy: a binary message of 11 bytes so far does not fit the server's"
                        + " max-inbound-bytes of 10");
        assertThat(small.used).as("nothing of the message stays counted").isZero();
    }

    @Test
    void droppingAMessageCutOffReleasesWhatItGathered() throws MessageLimitException {
        assembler.text(utf8("abcd"), true, false, false, LIMIT, null, 0);
        assembler.drop();
        assertThat(budget.used).isZero();
        assertThat(assembler.text(utf8("ef"), true, false, false, LIMIT, null, 0)).isNull();
        assertThat(assembler.text(utf8("g"), false, true, false, LIMIT, null, 0)).as("the next message starts afresh")
                .isEqualTo("efg");
    }
}
