package io.wssocket.webresources;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.handshake.HttpStatusException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No request path, whatever mix of dot-segments, encoded dots, slashes and backslashes, NUL and
 * empty segments it holds, finds a file outside the {@code META-INF/resources/} folder: not
 * through a symbolic link, not through a jar entry whose name climbs out.
 */
class ResourceRootContainmentProperties {
    private static final String SECRET = "SECRET";
    private static Path base;
    private static ResourceRoot directory;
    private static ResourceRoot jar;

    @BeforeContainer
    static void createRoots() throws IOException {
        base = Files.createTempDirectory("resource-roots");
        Files.writeString(base.resolve("secret.txt"), SECRET);
        Path app = base.resolve("app");
        Path resources = Files.createDirectories(app.resolve("META-INF/resources/a"));
        Files.writeString(resources.resolve("../index.html"), "index");
        Files.writeString(resources.resolve("b.txt"), "b");
        Files.writeString(app.resolve("META-INF/outside.txt"), SECRET);
        Files.createSymbolicLink(resources.resolve("link-out"), base.resolve("secret.txt"));
        Files.createSymbolicLink(resources.resolve("dir-out"), base);
        directory = ResourceRoot.of(app);

        Path jarFile = base.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jarFile); JarOutputStream out = new JarOutputStream(file)) {
            entry(out, "META-INF/resources/index.html", "index");
            entry(out, "META-INF/resources/a/b.txt", "b");
            entry(out, "META-INF/outside.txt", SECRET);
            entry(out, "secret.txt", SECRET);
            entry(out, "META-INF/resources/../secret.txt", SECRET); // a hostile entry name
            entry(out, "META-INF/resources/a/../../../secret.txt", SECRET);
        }
        jar = ResourceRoot.of(jarFile);
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @AfterContainer
    static void deleteRoots() throws IOException {
        ResourceRoot.closeAll(List.of(directory, jar));
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 3000)
    void noPathLeavesTheRoot(@ForAll("paths") String path, @ForAll boolean inJar) throws IOException {
        ResourcePath parsed;
        try {
            parsed = ResourcePath.parse(path);
        } catch (HttpStatusException e) {
            assertThat(e.status()).isEqualTo(400);
            return;
        }
        for (String segment : parsed.segments()) {
            assertThat(segment).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\", "\0");
        }
        WebResource found = (inJar ? jar : directory).find(parsed);
        if (found != null) {
            assertThat(content(found)).as("what %s found", path).isNotEqualTo(SECRET);
        }
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> piece = Arbitraries.of("..", ".", "%2e", "%2E", "%2e%2e", ".%2e", "%2e.", "%2f", "%2F", "%5c",
                "%5C", "\\", "/", "//", "%00", "%", "%2", "a", "b.txt", "index.html", "META-INF", "resources",
                "outside.txt", "secret.txt", "link-out", "dir-out", "%252e%252e", "app");
        return piece.list().ofMaxSize(12).map(pieces -> "/" + String.join("", pieces));
    }

    private static String content(WebResource resource) {
        try (InputStream in = resource.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
