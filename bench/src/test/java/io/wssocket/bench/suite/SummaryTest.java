package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians, ranges and ratios over the rounds. */
class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));

        assertThat(s).isEqualTo(new Summary(20.0, 10.0, 30.0, 3));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Summary.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
        assertThat(Summary.of(List.of(7.0)).median()).isEqualTo(7.0);
    }

    @Test
    void ratioIsOfTheMedians() {
        Summary subject = Summary.of(List.of(150.0, 140.0, 160.0));
        Summary peer = Summary.of(List.of(100.0, 90.0, 110.0));

        assertThat(subject.ratioTo(peer)).isEqualTo(1.5);
        assertThat(subject.ratioTo(Summary.of(List.of(0.0)))).isNaN();
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
