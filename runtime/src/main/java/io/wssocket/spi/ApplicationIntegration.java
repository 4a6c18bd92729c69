package io.wssocket.spi;

import jakarta.websocket.Session;

/**
 * A container started for one application ({@link ContainerIntegration#start}), stopped when the
 * application is undeployed.
 */
public interface ApplicationIntegration extends AutoCloseable {

    /**
     * A new instance of an application class: an endpoint, encoder, decoder or configurator.
     * What it returns for a class is always an instance of that class.
     *
     * @param <T> the class's type
     * @param type the class
     * @return the instance and how to release it
     * @throws InstantiationException naming the class and why it cannot be created
     */
    <T> ManagedInstance<T> newInstance(Class<T> type) throws InstantiationException;

    /**
     * A session of one of the application's endpoints was created (it has not opened yet).
     *
     * @param session not yet open; only its identity, id and request may be used here
     * @param endpointPath the full path its endpoint is deployed under, or null for a client session
     * @return what the session tells about its callbacks, opening and closing
     */
    SessionObserver observe(Session session, String endpointPath);

    /**
     * The server is about to run the configurator of one of the application's endpoints for an
     * opening handshake, on this thread (a CDI integration activates the request context there).
     *
     * @return what to close on this thread when the handshake is decided
     */
    default HandshakeScope beginHandshake() {
        return HandshakeScope.NONE;
    }

    /**
     * Stops the container; instances not yet released are released. Called after the
     * application's sessions were sent their close frames; an integration may wait for their
     * onClose to finish, up to {@link ApplicationInfo#sessionsClosedTimeout()}.
     */
    @Override
    void close();
}
