package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellsTest {
    @Test
    void allPassedShowsPassedOfAll() {
        assertThat(Cells.of(new Counts(93, 0, 0))).isEqualTo("✓ 93/93");
    }

    @Test
    void skippedCasesShowAsNotApplicable() {
        assertThat(Cells.of(new Counts(55, 0, 38))).isEqualTo("✓ 55 (38 n/a)");
    }

    @Test
    void onlySkippedCasesShowAsNotApplicableAltogether() {
        assertThat(Cells.of(new Counts(0, 0, 28))).isEqualTo("n/a (28 skipped)");
    }

    @Test
    void anyFailureMakesTheCellAFailure() {
        assertThat(Cells.of(new Counts(90, 3, 0))).isEqualTo("✗ 3 failed");
        assertThat(Cells.of(new Counts(0, 1, 92))).isEqualTo("✗ 1 failed");
    }

    @Test
    void aClassWithoutCasesIsNoSuccess() {
        assertThat(Cells.of(Counts.NONE)).isEqualTo("✗ no cases ran");
    }
}
