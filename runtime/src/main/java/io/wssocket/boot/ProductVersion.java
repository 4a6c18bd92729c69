package io.wssocket.boot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version {@code --version} prints: the {@code Implementation-Version} of the jar's manifest
 * (runtime/pom.xml writes it into the runtime jar, whose manifest the shade plugin keeps for
 * wssocket.jar), or, when the classes are not run from such a jar (target/classes, an IDE,
 * wssocket-cdi.jar, whose manifest is its own module's), the {@code version.properties} Maven
 * filtered at build time.
 */
final class ProductVersion {
    static final String RESOURCE = "version.properties";

    private ProductVersion() {
    }

    /** Never null: "unknown" when neither source names a version. */
    static String current() {
        String fromManifest = ProductVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        return fromResource(ProductVersion.class.getResourceAsStream(RESOURCE));
    }

    /** The version a {@code version.properties} stream names, or "unknown"; closes the stream. */
    static String fromResource(InputStream in) {
        if (in == null) {
            return "unknown";
        }
        Properties properties = new Properties();
        try (in) {
            properties.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String version = properties.getProperty("version", "").trim();
        // Unfiltered (copied by a build that is not Maven's): the placeholder is no version.
        return version.isEmpty() || version.contains("${") ? "unknown" : version;
    }
}
