package io.wssocket.webresources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A {@code META-INF/resources/} directory. Besides the checks of {@link ResourcePath}, a file is
 * found only when its real path (symbolic links resolved) is still under the root's real path, so a
 * link inside the folder cannot lead out of it.
 */
final class DirectoryResourceRoot implements ResourceRoot {
    private final Path root;

    DirectoryResourceRoot(Path folder) throws IOException {
        this.root = folder.toRealPath();
    }

    @Override
    public WebResource find(ResourcePath path) throws IOException {
        Path file = root;
        for (String segment : path.segments()) {
            file = file.resolve(segment);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (FileSystemException e) {
            // Missing, a file where a directory was expected, a link loop, no permission: nothing to serve.
            return null;
        }
        if (!real.startsWith(root) || real.equals(root)) {
            return null;
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            return null;
        }
        return new WebResource(real.getFileName().toString(), attributes.size(), attributes.lastModifiedTime().toMillis(),
                () -> Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public void close() {
        // nothing is held open between requests
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
