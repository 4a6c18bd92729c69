package io.wssocket.transport;

/**
 * What the transport needs to know, taken from the server or client configuration.
 *
 * @param eventLoops number of selector threads
 * @param readBufferSize bytes read from one socket per turn; one such buffer per event loop
 * @param writeHighWaterMark queued outbound bytes above which a connection reports itself unwritable
 * @param writeLowWaterMark queued outbound bytes below which it reports itself writable again
 * @param maxQueuedBytes queued outbound bytes above which further writes fail
 * @param tcpNoDelay whether to disable Nagle's algorithm
 * @param writeTimeoutMillis how long queued outbound bytes may go without any being written
 *     before the connection is dropped; 0 disables
 */
public record TransportConfig(int eventLoops, int readBufferSize, long writeHighWaterMark,
                              long writeLowWaterMark, long maxQueuedBytes, boolean tcpNoDelay,
                              long writeTimeoutMillis) {
    public TransportConfig {
        if (writeTimeoutMillis < 0) {
            throw new IllegalArgumentException("writeTimeoutMillis must not be negative");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1");
        }
        if (readBufferSize < 1024) {
            throw new IllegalArgumentException("readBufferSize must be at least 1024");
        }
        if (writeLowWaterMark > writeHighWaterMark || writeHighWaterMark > maxQueuedBytes) {
            throw new IllegalArgumentException(
                    "need writeLowWaterMark <= writeHighWaterMark <= maxQueuedBytes");
        }
    }
}
