package io.wssocket.transport;

/** Told when queued bytes have all been written to the socket, or cannot be. */
@FunctionalInterface
public interface WriteCallback {
    WriteCallback NONE = failure -> { };

    /** @param failure null when every byte was written */
    void written(Throwable failure);
}
