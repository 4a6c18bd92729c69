package io.wssocket.spi;

/**
 * What an integration keeps active while the server runs an endpoint's configurator for one
 * opening handshake ({@code checkOrigin}, the negotiations, {@code modifyHandshake},
 * {@code getEndpointInstance}); closed on the same thread when the handshake is decided.
 */
@FunctionalInterface
public interface HandshakeScope extends AutoCloseable {
    /** Nothing to keep active. */
    HandshakeScope NONE = () -> { };

    @Override
    void close();
}
