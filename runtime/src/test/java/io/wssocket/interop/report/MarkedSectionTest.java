package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkedSectionTest {
    private static final MarkedSection SECTION = new MarkedSection("matrix");
    private static final String BEFORE = "# Title\r\n\r\nText with ✓ and trailing spaces   \n\n<!-- matrix:start -->";
    private static final String AFTER = "<!-- matrix:end -->\n\n## Next\r\nno newline at the end";

    @Test
    void replacesOnlyWhatIsBetweenTheMarkers() {
        String text = BEFORE + "\nold table\nold legend\n" + AFTER;

        String replaced = SECTION.replace(text, "| new | table |\n");

        assertThat(replaced).isEqualTo(BEFORE + "\n| new | table |\n" + AFTER);
        assertThat(replaced).startsWith(BEFORE).endsWith(AFTER);
    }

    @Test
    void fillsAnEmptySectionAndEndsTheBodyWithALineBreak() {
        assertThat(SECTION.replace(BEFORE + "\n" + AFTER, "body")).isEqualTo(BEFORE + "\nbody\n" + AFTER);
        assertThat(SECTION.replace(BEFORE + AFTER, "body")).isEqualTo(BEFORE + "\nbody\n" + AFTER);
    }

    @Test
    void replacingTwiceGivesTheSameText() {
        String once = SECTION.replace(BEFORE + AFTER, "body\n");

        assertThat(SECTION.replace(once, "body\n")).isEqualTo(once);
    }

    @Test
    void refusesATextWithoutBothMarkersOnceInOrder() {
        assertThatThrownBy(() -> SECTION.replace("no markers", "body")).hasMessageContaining("no <!-- matrix:start -->");
        assertThatThrownBy(() -> SECTION.replace(BEFORE, "body")).hasMessageContaining("no <!-- matrix:end -->");
        assertThatThrownBy(() -> SECTION.replace(BEFORE + AFTER + AFTER, "body")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> SECTION.replace(AFTER + BEFORE, "body")).hasMessageContaining("comes before");
    }
}
