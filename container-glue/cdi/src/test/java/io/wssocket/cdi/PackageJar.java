package io.wssocket.cdi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs the compiled test classes of one package into a jar, as a deployable application, with
 * whatever resources (such as {@code META-INF/beans.xml}) the test gives it.
 */
public final class PackageJar {
    private PackageJar() {
    }

    /** @param sample a class of the package; every class file beside it goes into the jar */
    public static Path of(Class<?> sample, Path jar) throws IOException {
        return of(sample, jar, Map.of());
    }

    /** @param resources the text of further entries by their path in the jar */
    public static Path of(Class<?> sample, Path jar, Map<String, String> resources) throws IOException {
        Path root;
        try {
            root = Path.of(sample.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path packageDir = root.resolve(sample.getPackageName().replace('.', '/'));
        List<Path> classes;
        try (Stream<Path> files = Files.list(packageDir)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path type : classes) {
                out.putNextEntry(new JarEntry(root.relativize(type).toString().replace('\\', '/')));
                Files.copy(type, out);
                out.closeEntry();
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
