package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Result lines as the drivers print them and the runner stores them. */
class ResultLineTest {

    @Test
    void parsesADriversResultLine() {
        ResultLine r = ResultLine.parse("RESULT server=jetty scenario=echo msgs_per_s=81498.0 errors=0");

        assertThat(r.kind()).isEqualTo("RESULT");
        assertThat(r.get("server")).isEqualTo("jetty");
        assertThat(r.number("msgs_per_s")).hasValue(81498.0);
        assertThat(r.number("server")).isEmpty();
        assertThat(r.number("absent")).isEmpty();
    }

    @Test
    void quotedValuesKeepSpacesAndQuotesAndRoundTrip() {
        ResultLine r = ResultLine.of("FAILED").with("server", "tyrus").with("reason", "server said \"no\" twice")
                .with("empty", "");

        String text = r.toString();
        assertThat(text).isEqualTo("FAILED server=tyrus reason=\"server said \\\"no\\\" twice\" empty=\"\"");
        ResultLine back = ResultLine.parse(text);
        assertThat(back.get("reason")).isEqualTo("server said \"no\" twice");
        assertThat(back.get("empty")).isEmpty();
        assertThat(back.toString()).isEqualTo(text);
    }

    @Test
    void rejectsMalformedLines() {
        assertThatThrownBy(() -> ResultLine.parse("RESULT server")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> ResultLine.parse("RESULT reason=\"open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated");
    }
}
