package io.wssocket.bench;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The bench's WS Socket server on a free loopback port, in this JVM, for the tests of one class
 * that run a load driver against it:
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessEchoServer server = new InProcessEchoServer();
 * }</pre>
 */
final class InProcessEchoServer implements BeforeAllCallback, AfterAllCallback {

    private final boolean deflate;
    private WsSocketEchoServer server;
    private String port;

    /** With option {@code permessage-deflate} off, as the bench's servers outside the deflate scenarios. */
    InProcessEchoServer() {
        this(false);
    }

    /** @param deflate whether the server negotiates permessage-deflate ({@code -Dbench.deflate}) */
    InProcessEchoServer(boolean deflate) {
        this.deflate = deflate;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new WsSocketEchoServer();
        // the server reads the property once, at its start
        System.setProperty(EchoEndpoint.DEFLATE_PROPERTY, Boolean.toString(deflate));
        try {
            port = Integer.toString(server.start("127.0.0.1", 0));
        } finally {
            System.clearProperty(EchoEndpoint.DEFLATE_PROPERTY);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.stop();
    }

    /** The port as a driver's {@code --port} value. */
    String port() {
        return port;
    }
}
