package io.wssocket.transport;

import java.io.IOException;

/** A write would take a connection's outbound queue past its hard limit. */
public final class WriteQueueFullException extends IOException {
    private static final long serialVersionUID = 1L;
    WriteQueueFullException(long queued, long adding, long limit) {
        super("outbound queue full: " + queued + " bytes queued, " + adding + " more would pass the limit of " + limit);
    }
}
