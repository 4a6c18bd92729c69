package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** --version never prints "null": the manifest, else the filtered resource, else "unknown". */
class ProductVersionTest {
    @Test
    void theFilteredResourceNamesTheVersionWhenThereIsNoManifest() {
        // Tests run from target/classes: no jar manifest, so this is the resource Maven filtered.
        assertThat(ProductVersion.class.getPackage().getImplementationVersion()).isNull();
        assertThat(ProductVersion.current()).matches("\\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void anUnfilteredOrMissingResourceIsUnknown() {
        assertThat(ProductVersion.fromResource(null)).isEqualTo("unknown");
        assertThat(ProductVersion.fromResource(resource("version=${project.version}\n"))).isEqualTo("unknown");
        assertThat(ProductVersion.fromResource(resource("# nothing\n"))).isEqualTo("unknown");
        assertThat(ProductVersion.fromResource(resource("version=1.2.3\n"))).isEqualTo("1.2.3");
    }

    private static ByteArrayInputStream resource(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
