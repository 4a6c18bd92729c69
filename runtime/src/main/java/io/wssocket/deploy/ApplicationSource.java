package io.wssocket.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an application's classes are and where it is served.
 *
 * @param name a name for messages and for its class loader
 * @param contextPath the prefix of every endpoint path of the application ("" for none, else
 *     starting with '/' and not ending with one)
 * @param classRoots class directories and jars, searched in order; above them only the JDK and
 *     the Jakarta WebSocket API are visible (see {@link ApiClassLoader}), so an application's own
 *     classes always win over anything but those
 */
public record ApplicationSource(String name, String contextPath, List<Path> classRoots) {
    public ApplicationSource {
        if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
            throw new IllegalArgumentException("context path '" + contextPath
                    + "' must be empty or start with '/' and not end with '/'");
        }
        classRoots = List.copyOf(classRoots);
    }

    /** A jar or class directory served at the root. */
    public static ApplicationSource of(Path jarOrDirectory) {
        return of(jarOrDirectory, "");
    }

    /** A jar or class directory served under {@code contextPath}. */
    public static ApplicationSource of(Path jarOrDirectory, String contextPath) {
        return new ApplicationSource(String.valueOf(jarOrDirectory.getFileName()), contextPath, List.of(jarOrDirectory));
    }

    /**
     * An unpacked web application: {@code WEB-INF/classes} and every jar in {@code WEB-INF/lib}.
     */
    public static ApplicationSource ofExplodedWar(String name, Path root, String contextPath) throws IOException {
        List<Path> roots = new ArrayList<>();
        Path classes = root.resolve("WEB-INF/classes");
        if (Files.isDirectory(classes)) {
            roots.add(classes);
        }
        Path lib = root.resolve("WEB-INF/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(roots::add);
            }
        }
        return new ApplicationSource(name, contextPath, roots);
    }
}
