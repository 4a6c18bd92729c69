package io.wssocket.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * What an integration is told about an application it starts for.
 *
 * @param name for messages
 * @param classLoader loads the application's classes (and, through its parent, the shared API)
 * @param classRoots the application's jars and class directories, in the loader's order
 */
public record ApplicationInfo(String name, ClassLoader classLoader, List<Path> classRoots) {
    public ApplicationInfo {
        classRoots = List.copyOf(classRoots);
    }
}
