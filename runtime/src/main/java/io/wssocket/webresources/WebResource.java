package io.wssocket.webresources;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file of a resource root, as found; its content is read only when it is served.
 *
 * @param name the file name, for its content type
 * @param size the size in bytes as the root reports it, or -1 when unknown
 * @param lastModifiedMillis last modification in milliseconds since the epoch, or -1 when unknown
 * @param content opens the file's bytes
 */
record WebResource(String name, long size, long lastModifiedMillis, Content content) {
    /** Where the bytes come from: a file or a jar entry. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return content.open();
    }
}
