package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Only the marked section of docs/benchmarks.md is rewritten. */
class DocSectionTest {

    @Test
    void replacesOnlyTheMarkedSection() {
        String doc = "# Benchmarks\nintro\n\n" + DocSection.BEGIN + "\nold\n" + DocSection.END + "\n\n## Codec micro-benchmarks\njmh\n";

        String out = DocSection.replace(doc, "new table\n");

        assertThat(out).isEqualTo("# Benchmarks\nintro\n\n" + DocSection.BEGIN + "\nnew table\n" + DocSection.END
                + "\n\n## Codec micro-benchmarks\njmh\n");
        assertThat(DocSection.replace(out, "new table")).as("idempotent").isEqualTo(out);
    }

    @Test
    void withoutMarkersTheSectionGoesBeforeTheCodecSection() {
        String out = DocSection.replace("# Benchmarks\n\n## Codec micro-benchmarks\njmh\n", "body");

        assertThat(out).isEqualTo("# Benchmarks\n\n" + DocSection.BEGIN + "\nbody\n" + DocSection.END
                + "\n\n## Codec micro-benchmarks\njmh\n");
        assertThat(DocSection.replace("# B\n", "body")).isEqualTo("# B\n\n" + DocSection.BEGIN + "\nbody\n" + DocSection.END + "\n");
    }

    @Test
    void aNamedSectionIsRewrittenWithoutTouchingTheMainOne() {
        String doc = "# Benchmarks\n\n" + DocSection.BEGIN + "\nmain\n" + DocSection.END + "\n\n## Codec micro-benchmarks\njmh\n";

        String once = DocSection.replace(doc, "deflate tables", "deflate");
        String twice = DocSection.replace(once, "newer deflate tables", "deflate");

        assertThat(once).contains(DocSection.BEGIN + "\nmain\n" + DocSection.END)
                .contains("<!-- BEGIN GENERATED deflate by bench/run.sh: edits here are overwritten -->\ndeflate tables\n"
                        + "<!-- END GENERATED deflate by bench/run.sh -->\n\n## Codec micro-benchmarks");
        assertThat(twice).contains("newer deflate tables").doesNotContain("\ndeflate tables")
                .contains(DocSection.BEGIN + "\nmain\n" + DocSection.END);
        assertThat(DocSection.replace(twice, "main again")).contains("newer deflate tables").contains("main again");
    }

    @Test
    void aSingleMarkerIsRefused() {
        assertThatThrownBy(() -> DocSection.replace("x " + DocSection.BEGIN + " y", "body"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
