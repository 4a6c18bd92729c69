package io.wssocket.server;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * The {@link WebSocketContainer} half of a {@code ServerContainer} (Jakarta WebSocket 2.2 §6.1): the
 * session defaults applications may change and {@code connectToServer}, forwarded to the container
 * that owns them. The server's container forwards to its client container, an application's scope
 * to the server's container; so there is one set of defaults per server, and the exported server
 * types inherit nothing internal.
 */
abstract class ForwardingContainer implements WebSocketContainer {

    /** @return the container that owns the defaults and opens client sessions */
    abstract WebSocketContainer target();

    @Override
    public long getDefaultAsyncSendTimeout() {
        return target().getDefaultAsyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        target().setAsyncSendTimeout(timeoutMillis);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return target().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return target().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return target().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return target().connectToServer(endpointClass, cec, path);
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return target().getDefaultMaxSessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        target().setDefaultMaxSessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return target().getDefaultMaxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        target().setDefaultMaxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return target().getDefaultMaxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        target().setDefaultMaxTextMessageBufferSize(max);
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return target().getInstalledExtensions();
    }
}
