package io.wssocket.servlet.containers;

/** What the three containers share: the port remembered once started. */
abstract class EmbeddedContainerBase implements EmbeddedServletContainer {
    private int port;

    @Override
    public final int start(WebApplication application) throws Exception {
        port = serve(application);
        return port;
    }

    /**
     * Starts the container with the application.
     *
     * @param application what to deploy
     * @return the port it listens on
     * @throws Exception when the container or the application does not start
     */
    abstract int serve(WebApplication application) throws Exception;

    @Override
    public final int port() {
        return port;
    }
}
