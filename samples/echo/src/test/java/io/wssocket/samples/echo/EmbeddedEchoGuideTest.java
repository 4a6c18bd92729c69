package io.wssocket.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The guide's "Embed the server" example is {@link EmbeddedEcho}, which this module compiles. */
class EmbeddedEchoGuideTest {
    private static final Path GUIDE = Path.of("../../docs/guide.md");
    private static final Path SOURCE = Path.of("src/test/java/io/wssocket/samples/echo/EmbeddedEcho.java");

    @Test
    void theGuideShowsTheCompiledExample() throws IOException {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String example = source.substring(source.indexOf("\nimport ") + 1);

        assertThat(javaBlockOfSection(Files.readString(GUIDE, StandardCharsets.UTF_8), "## Embed the server"))
                .as("the Java example under \"Embed the server\" in docs/guide.md is %s from its first import on;"
                        + " change both together", SOURCE)
                .isEqualTo(example);
    }

    /** The first ```java block of the section that starts with the heading. */
    private static String javaBlockOfSection(String guide, String heading) {
        int section = guide.indexOf("\n" + heading + "\n");
        assertThat(section).as("docs/guide.md has the heading %s", heading).isNotNegative();
        int start = guide.indexOf("```java\n", section);
        int nextSection = guide.indexOf("\n## ", section + 1);
        assertThat(start).as("a ```java block under %s", heading).isPositive()
                .isLessThan(nextSection < 0 ? guide.length() : nextSection);
        start += "```java\n".length();
        return guide.substring(start, guide.indexOf("```\n", start));
    }
}
