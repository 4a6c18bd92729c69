package io.wssocket.webresources;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code META-INF/resources/} folder of one class root of an application: a jar or a class
 * directory. Only files are found; a name that is a directory, or that leads out of the folder,
 * is not found.
 */
public interface ResourceRoot extends Closeable {
    /** Where static resources live in a class root, as in a Servlet container's jars (Servlet 6.0 §10.5). */
    String FOLDER = "META-INF/resources";

    /** The regular file at {@code path}, or null when there is none. */
    WebResource find(ResourcePath path) throws IOException;

    /**
     * The resource root of a jar or class directory, or null when it has no {@code META-INF/resources/}.
     */
    static ResourceRoot of(Path classRoot) throws IOException {
        if (Files.isDirectory(classRoot)) {
            Path folder = classRoot.resolve(FOLDER);
            return Files.isDirectory(folder) ? new DirectoryResourceRoot(folder) : null;
        }
        return JarResourceRoot.open(classRoot);
    }

    /**
     * The resource roots of the class roots that have one, in their order; on failure those
     * already opened are closed again.
     */
    static List<ResourceRoot> openAll(List<Path> classRoots) throws IOException {
        List<ResourceRoot> roots = new ArrayList<>();
        try {
            for (Path classRoot : classRoots) {
                ResourceRoot root = of(classRoot);
                if (root != null) {
                    roots.add(root);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(roots);
            throw e;
        }
        return roots;
    }

    /** Closes every root, going on past failures (a jar that cannot be closed is only logged). */
    static void closeAll(List<ResourceRoot> roots) {
        for (ResourceRoot root : roots) {
            try {
                root.close();
            } catch (IOException e) {
                System.getLogger(ResourceRoot.class.getName()).log(System.Logger.Level.DEBUG, "closing " + root, e);
            }
        }
    }
}
