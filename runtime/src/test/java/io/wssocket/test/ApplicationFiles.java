package io.wssocket.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** The files of a test application, compiled classes and others, written as a class directory or a jar. */
public final class ApplicationFiles {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** The class files of {@code types}, as the test's class path has them. */
    public static ApplicationFiles of(Class<?>... types) {
        ApplicationFiles app = new ApplicationFiles();
        for (Class<?> type : types) {
            String name = type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                app.files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return app;
    }

    public ApplicationFiles with(String name, String content) {
        return with(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public ApplicationFiles with(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    public Path writeDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return dir;
    }

    public Path writeJar(Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : files.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
