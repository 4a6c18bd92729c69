package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {
    @Test
    void docsListEveryOptionWithItsCurrentDefault() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        assertThat(Files.readString(doc))
                .as("docs/configuration.md is out of date; regenerate it with "
                        + "java -cp runtime/target/classes io.wssocket.boot.ConfigurationReference > docs/configuration.md")
                .isEqualTo(ConfigurationReference.markdown());
    }
}
