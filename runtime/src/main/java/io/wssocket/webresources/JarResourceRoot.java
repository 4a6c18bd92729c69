package io.wssocket.webresources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The {@code META-INF/resources/} entries of a jar, held open while the application is deployed.
 * Entries are looked up by exact name only, built from checked segments, so an entry whose own
 * name holds {@code ..} can never be reached.
 */
final class JarResourceRoot implements ResourceRoot {
    private static final String PREFIX = FOLDER + "/";

    private final Path jarPath;
    private final JarFile jar;

    private JarResourceRoot(Path jarPath, JarFile jar) {
        this.jarPath = jarPath;
        this.jar = jar;
    }

    /** The jar's resource root, or null when it has no entry under {@code META-INF/resources/}. */
    static JarResourceRoot open(Path jarPath) throws IOException {
        JarFile jar = new JarFile(jarPath.toFile());
        boolean hasResources = jar.stream().anyMatch(e -> e.getName().startsWith(PREFIX) && !e.isDirectory());
        if (!hasResources) {
            jar.close();
            return null;
        }
        return new JarResourceRoot(jarPath, jar);
    }

    @Override
    public WebResource find(ResourcePath path) {
        if (path.segments().isEmpty()) {
            return null;
        }
        String name = PREFIX + path.relativeName();
        ZipEntry entry = jar.getEntry(name);
        // ZipFile.getEntry also finds "name/", a directory: only the exact file counts.
        if (entry == null || entry.isDirectory() || !entry.getName().equals(name)) {
            return null;
        }
        return new WebResource(path.fileName(), entry.getSize(), entry.getTime(), () -> jar.getInputStream(entry));
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }

    @Override
    public String toString() {
        return jarPath.toString();
    }
}
