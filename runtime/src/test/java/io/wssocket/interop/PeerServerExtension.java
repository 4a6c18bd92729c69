package io.wssocket.interop;

import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PeerServer} running for the tests of one class:
 * <pre>{@code
 * @RegisterExtension
 * static final PeerServerExtension server = new PeerServerExtension(TomcatServerPeer::new);
 * }</pre>
 */
final class PeerServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<PeerServer> factory;
    private PeerServer server;
    private int port;

    PeerServerExtension(Supplier<PeerServer> factory) {
        this.factory = factory;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = factory.get();
        port = server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** {@code ws://127.0.0.1:port} + path and query. */
    URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
    }
}
