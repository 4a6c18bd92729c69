package io.wssocket.client;

import java.net.URI;

/**
 * Told when a client container gives up reconnecting a session (option {@code client-reconnect}):
 * after {@code client-reconnect-attempts} attempts failed, or once {@code client-reconnect-time}
 * has passed since the close. Set on an endpoint as the {@code ClientEndpointConfig} user property
 * {@link ClientConfig#RECONNECT_LISTENER_PROPERTY}; the counterpart of the give-up answer of
 * Tyrus's {@code ReconnectHandler.onConnectFailure}. The session's {@code onClose} has run long
 * before: this is where an application learns that no new session is coming. (An
 * {@code @ClientEndpoint} has no user properties of its own: connect a programmatic endpoint with
 * a {@code ClientEndpointConfig} to have a listener.)
 *
 * <p>Called once for each reconnection that gives up, on a thread of the container's (not an
 * event loop; it may block briefly), and no attempt for that reconnection follows. Not called
 * when the reconnection ends otherwise: a new session opened, or the container closed. What the
 * listener throws is logged.
 */
@FunctionalInterface
public interface ReconnectListener {

    /**
     * Reconnecting to {@code uri} has given up.
     *
     * @param uri the URI the session was connected to, which every attempt dialled
     * @param attempts the attempts made since the session closed (at most
     *     {@code client-reconnect-attempts})
     * @param cause why the last attempt failed (an {@code IOException} naming the address that
     *     refused the connection, or a {@code DeploymentException} for a refused handshake); a
     *     {@code java.util.concurrent.TimeoutException} when {@code client-reconnect-time} ran out
     *     before any attempt failed
     */
    void gaveUp(URI uri, int attempts, Exception cause);
}
